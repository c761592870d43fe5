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
