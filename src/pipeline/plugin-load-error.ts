/** A plugin that cannot be loaded or whose options are wrong; the message names the config field. */
export class PluginLoadError extends Error {}
