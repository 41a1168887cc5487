import { describe, expect, it } from "vitest";
import { MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut } from "./zoom-levels";

describe("zoom steps", () => {
  it("steps through the levels and stops at both ends", () => {
    expect(zoomIn(MIN_ZOOM)).toBe(1.5);
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(2)).toBe(1.5);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
  });

  it("goes to the next level from a value between levels", () => {
    expect(zoomIn(2.5)).toBe(3);
    expect(zoomOut(2.5)).toBe(2);
  });
});
