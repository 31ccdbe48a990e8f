/** Engine-side names, the single place that knows docker compose's naming scheme. */

/** `<project>-<service>-<n>`, as docker compose v2 names replicas. */
export function containerName(projectName: string, serviceName: string, replica: number): string {
  return `${projectName}-${serviceName}-${replica}`;
}

/** `<project>_<key>`: the default engine name of a network or volume declared in the project. */
export function scopedResourceName(projectName: string, key: string): string {
  return `${projectName}_${key}`;
}

/** Image name docker compose gives a built service without `image:`. */
export function defaultImageName(projectName: string, serviceName: string): string {
  return `${projectName}-${serviceName}`;
}

/** `repo[:tag]` → its parts; a colon before the last slash is a registry port, not a tag. Digests are the caller's. */
export function splitImageReference(reference: string): { repository: string; tag?: string } {
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  return colon > slash ? { repository: reference.slice(0, colon), tag: reference.slice(colon + 1) } : { repository: reference };
}

/** The registry an image reference points at (`docker.io` unless the first component looks like a host). */
export function registryOf(image: string): string {
  const first = image.split('/')[0]!;
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** Project names: lowercase letters, digits, dashes and underscores, starting with a letter or digit (compose-spec). */
export const PROJECT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** Turn a directory name into a valid project name (lowercase, illegal characters dropped), as compose does. */
export function normalizeProjectName(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}
