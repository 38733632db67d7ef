/**
 * The model: what the steps hand each other and the renderers read — statements and their place,
 * problems (stops, warnings, rejected rows), feature keys, the run report, and the keys text is
 * matched under. Steps and renderers import it; it imports no step's code.
 */
export * from './feature.js';
export * from './problem.js';
export * from './report.js';
export * from './statement.js';
export * from './status.js';
export * from './text.js';
