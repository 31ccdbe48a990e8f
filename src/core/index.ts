export type { RunOptions } from "./one-off.js";
export { createTcompose, emptyProject, type Tcompose, type TcomposeDeps, type UpOptions, type DownOptions, type DnsIntegration, type StopOptions } from './tcompose.js';
