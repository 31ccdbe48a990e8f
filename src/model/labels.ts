/** Labels shared with docker compose, so either tool recognizes the other's resources. */
export const Labels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  containerNumber: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  configHash: 'com.docker.compose.config-hash',
  imageDigest: 'com.docker.compose.image',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  environmentFile: 'com.docker.compose.project.environment_file',
  dependsOn: 'com.docker.compose.depends_on',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  version: 'com.docker.compose.version',
  replace: 'com.docker.compose.replace',
} as const;

/** The compose version we claim in `com.docker.compose.version`. */
export const COMPOSE_VERSION_LABEL = '2.30.0';
