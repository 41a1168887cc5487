import { describe, expect, it } from "vitest";
import { createStageReader } from "./stage-reader";

describe("the stage's receipt reader", () => {
  it("is made from the link's kind, and an unknown kind is refused at start-up rather than at the first scan", () => {
    expect(createStageReader("textract")).toEqual({ read: expect.any(Function), close: expect.any(Function) });
    expect(createStageReader("tesseract")).toEqual({ read: expect.any(Function), close: expect.any(Function) });
    expect(() => createStageReader("rekognition")).toThrow();
    expect(() => createStageReader(undefined)).toThrow();
  });

  it("loads no OCR worker until a tesseract stage reads its first photo, so closing an unused one is immediate", async () => {
    await expect(createStageReader("tesseract").close()).resolves.toBeUndefined();
  });
});
