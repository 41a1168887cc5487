/** Zoom as multiples of "fit" (the whole receipt in view); "Fit" is 1. */
export const ZOOM_LEVELS = [1, 1.5, 2, 3, 4] as const;
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

export function zoomIn(zoom: number): number {
  return ZOOM_LEVELS.find((level) => level > zoom) ?? MAX_ZOOM;
}

export function zoomOut(zoom: number): number {
  return [...ZOOM_LEVELS].reverse().find((level) => level < zoom) ?? MIN_ZOOM;
}
