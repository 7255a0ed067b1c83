/**
 * What jsdom lacks and JupyterLab's packages use at import time, shimmed as
 * JupyterLab's own test setup does: @lumino/dragdrop subclasses DragEvent, and
 * @jupyter/web-components' design tokens ask window.matchMedia.
 */
if (typeof globalThis.DragEvent === 'undefined') {
  class DragEventShim extends MouseEvent {}
  (globalThis as { DragEvent?: unknown }).DragEvent = DragEventShim;
}

if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false
    }) as MediaQueryList;
}
