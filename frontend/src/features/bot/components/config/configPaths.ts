// Reads a nested value of config.json by dotted path; missing steps give undefined.
export function readPath(config: unknown, path: string): unknown {
  let node: unknown = config;
  for (const key of path.split('.')) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export function readObject(config: unknown, path: string): Record<string, unknown> {
  const value = readPath(config, path);
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

// Top-level keys nanobot accepts; any other makes it reject the whole file.
export const kConfigSections = [
  'agents',
  'channels',
  'providers',
  'gateway',
  'api',
  'tools',
  'transcription',
  'modelPresets',
  'model_presets',
];

// Problems the server would refuse anyway, found before a save: not JSON, not an object, or a
// top-level key nanobot does not know.
export function validateConfigText(text: string): { config?: Record<string, unknown>; error?: string; unknownKeys?: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { error: 'not_object' };
  }
  const unknownKeys = Object.keys(parsed).filter((key) => !kConfigSections.includes(key));
  return { config: parsed as Record<string, unknown>, unknownKeys };
}
