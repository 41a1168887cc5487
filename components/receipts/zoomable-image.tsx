/* eslint-disable @next/next/no-img-element -- a presigned, short-lived S3 link: nothing for next/image to optimise or cache */
"use client";

import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from "react";

type Size = { width: number; height: number };

type Props = {
  src: string;
  alt: string;
  /** A multiple of "fit" (1 = the whole image in view). */
  zoom: number;
  /** The image's scale against its own pixels at zoom 1, once known (for "38 %"). */
  onFitScale: (scale: number) => void;
  onError: () => void;
};

/** Room left around the image at "fit", in CSS pixels. */
const INSET = 16;

/**
 * The receipt image at a zoom level. Zoomed past fit, the box scrolls: wheel, scroll bars, arrow keys (the
 * box is focusable), a finger, or dragging with the mouse. Zooming keeps the point at the centre in place.
 */
export function ZoomableImage({ src, alt, zoom, onFitScale, onError }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<Size | null>(null);
  const [natural, setNatural] = useState<Size | null>(null);
  // The point at the centre of the view, as fractions of the image, kept across zoom changes.
  const centre = useRef({ x: 0.5, y: 0.5 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  const onFitScaleRef = useRef(onFitScale);
  useEffect(() => {
    onFitScaleRef.current = onFitScale;
  });

  useEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setBox({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit = box && natural ? Math.min((box.width - INSET * 2) / natural.width, (box.height - INSET * 2) / natural.height, 1) : null;

  useEffect(() => {
    if (fit !== null && fit > 0) onFitScaleRef.current(fit);
  }, [fit]);

  useLayoutEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    element.scrollLeft = centre.current.x * element.scrollWidth - element.clientWidth / 2;
    element.scrollTop = centre.current.y * element.scrollHeight - element.clientHeight / 2;
  }, [zoom, fit]);

  const onScroll = () => {
    const element = boxRef.current;
    if (!element || element.scrollWidth === 0) return;
    centre.current = {
      x: (element.scrollLeft + element.clientWidth / 2) / element.scrollWidth,
      y: (element.scrollTop + element.clientHeight / 2) / element.scrollHeight,
    };
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.pointerType !== "mouse" || event.button !== 0 || zoom === 1) return;
    drag.current = { x: event.clientX, y: event.clientY };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    event.currentTarget.scrollBy(drag.current.x - event.clientX, drag.current.y - event.clientY);
    drag.current = { x: event.clientX, y: event.clientY };
  };
  const endDrag = () => {
    drag.current = null;
  };

  const size = fit !== null && natural ? { width: natural.width * fit * zoom, height: natural.height * fit * zoom } : null;
  return (
    <div
      ref={boxRef}
      tabIndex={0}
      role="group"
      aria-label={zoom === 1 ? "Receipt image" : "Receipt image, zoomed: scroll or use the arrow keys to move around"}
      onScroll={onScroll}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      className={`flex min-h-0 flex-1 overflow-auto bg-slate-100 outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-emerald-700 dark:bg-slate-950 dark:focus-visible:ring-emerald-400 ${
        zoom > 1 ? "cursor-grab active:cursor-grabbing" : ""
      }`}
    >
      <img
        src={src}
        alt={alt}
        draggable={false}
        onLoad={(event) => setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight })}
        onError={onError}
        className="m-auto block max-w-none select-none bg-white shadow-sm"
        style={size ?? { maxWidth: `calc(100% - ${INSET * 2}px)`, maxHeight: `calc(100% - ${INSET * 2}px)` }}
      />
    </div>
  );
}
