/**
 * Opens a download link the graph issued (ADR 0013: /files/<subgraph>/download?t=…, valid 5
 * minutes): a plain <a href download> navigation on the page's own origin, so the browser streams
 * the file to disk itself, however large, under the name the server sends.
 */
export function openDownload(link: { url: string; fileName: string }): void {
  const a = document.createElement('a');
  a.href = new URL(link.url, window.location.origin).href;
  a.download = link.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Saves a file the graph returned as base64 (the fire record's export until it moves to a link). */
export function downloadBase64(file: { filename: string; mimeType: string; base64: string }): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
