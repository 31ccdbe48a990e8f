/**
 * The Engine API request bodies a plan carries (the protocol's JSON, API 1.41): the planner builds them, the
 * reconciler sends them unchanged, `--dry-run` and golden tests show them.
 */

/** Engine API container create body (POST /containers/create). */
export interface ContainerCreateBody {
  Image: string;
  Cmd?: string[];
  Entrypoint?: string[];
  Env?: string[];
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, object>;
  Hostname?: string;
  Domainname?: string;
  User?: string;
  WorkingDir?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  StopSignal?: string;
  StopTimeout?: number;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number; StartInterval?: number };
  Volumes?: Record<string, object>;
  HostConfig?: Record<string, unknown>;
  NetworkingConfig?: { EndpointsConfig?: Record<string, EndpointConfig> };
  [key: string]: unknown;
}

export interface EndpointConfig {
  Aliases?: string[];
  IPAMConfig?: { IPv4Address?: string; IPv6Address?: string };
  Links?: string[];
  [key: string]: unknown;
}

export interface NetworkCreateBody {
  Name: string;
  Driver?: string;
  Options?: Record<string, string>;
  IPAM?: { Driver?: string; Config?: Array<Record<string, unknown>>; Options?: Record<string, string> };
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  Labels?: Record<string, string>;
  CheckDuplicate?: boolean;
}

export interface VolumeCreateBody {
  Name: string;
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}
