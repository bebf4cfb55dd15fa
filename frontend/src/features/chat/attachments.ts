// Files attached to a chat message travel inline as base64 in the message body.
export interface Attachment {
  name: string;
  mime: string;
  data: string;
}

// The server's default for chat.upload_max_bytes, used until the public settings say otherwise.
export const kDefaultUploadMaxBytes = 6 * 1024 * 1024;

// FileReader's data URL is base64 already; the browser encodes it off the main thread.
export function readAttachment(file: File): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error(`could not read ${file.name}`));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({
        name: file.name,
        mime: file.type || 'application/octet-stream',
        data: url.slice(url.indexOf(',') + 1),
      });
    };
    reader.readAsDataURL(file);
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
