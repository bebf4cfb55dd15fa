// Commands nanobot understands when a message starts with them; the composer suggests them.
export const kSlashCommands = ['/new', '/stop', '/help', '/status'] as const;

export type SlashCommand = (typeof kSlashCommands)[number];

// The commands matching what has been typed so far, while the text is a lone "/word".
export function matchSlashCommands(text: string): SlashCommand[] {
  if (!/^\/[a-z]*$/i.test(text)) return [];
  const typed = text.toLowerCase();
  return kSlashCommands.filter((command) => command.startsWith(typed) && command !== typed);
}
