export * from './project.js';
export * from './observed.js';
export * from './plan.js';
export * from './events.js';
export * from './labels.js';
export * from './names.js';
export * from './pull-policy.js';
