"use client";

import { useEffect, useId, useRef, useState } from "react";
import { TOUCH_FIRST_QUERY, useMediaQuery } from "@/client/receipts/use-media-query";
import type { ReceiptController } from "@/client/receipts/use-receipt";
import { useReceiptView } from "@/client/receipts/use-receipt-view";
import { AttachPanel } from "./attach-panel";
import { ReceiptStatusLine } from "./receipt-status-line";
import { ReceiptTile } from "./receipt-tile";
import { ReceiptViewer } from "./receipt-viewer";

type Props = {
  expenseId: string;
  title: string;
  receipt: ReceiptController;
  /** Grid placement of the tile in its row. */
  tileClassName: string;
  /** Grid placement of the status line and the attach panel (full lines under the row). */
  lineClassName: string;
  panelClassName: string;
};

/**
 * One row's receipt: the tile, the status line under the row, the attach panel and the viewer. Focus
 * follows the person: into the panel when it opens, back to its opener when it closes, to Cancel while
 * uploading, and to the thumbnail (or "Choose another file") when the upload they started settles. While a
 * new file replaces a ready receipt, the thumbnail and the viewer stay the ready one's.
 */
export function ReceiptArea({ expenseId, title, receipt, tileClassName, lineClassName, panelClassName }: Props) {
  const { display } = receipt;
  const isTouchFirst = useMediaQuery(TOUCH_FIRST_QUERY);
  const panelId = useId();
  const [panel, setPanel] = useState<{ error: string | null } | null>(null);
  const [isViewing, setIsViewing] = useState(false);
  const tileRef = useRef<HTMLButtonElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const panelOpener = useRef<HTMLElement | null>(null);
  // Set when something done here changes the state, so focus lost with a vanished button is put back.
  const isFollowingFocus = useRef(false);

  // The ready receipt shown, also while a new file replaces it (its links are the old file's until then).
  const { current } = display;
  const viewKey = current ? `${current.contentType ?? ""}|${current.updatedAt ?? ""}|${String(current.hasThumbnail)}` : null;
  const view = useReceiptView(expenseId, viewKey);

  useEffect(() => {
    if (!isFollowingFocus.current) return;
    const active = document.activeElement;
    if (active && active !== document.body) return;
    (primaryRef.current ?? tileRef.current)?.focus();
    if (display.kind === "ready" || display.kind === "none" || display.kind === "rejected" || display.kind === "failed") isFollowingFocus.current = false;
  }, [display.kind]);

  const openPanel = () => {
    panelOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : tileRef.current;
    setPanel({ error: null });
  };
  const closePanel = () => {
    setPanel(null);
    const opener = panelOpener.current;
    (opener?.isConnected ? opener : (tileRef.current ?? primaryRef.current))?.focus();
  };
  const onFile = (file: File) => {
    const error = receipt.attach(file);
    if (error) {
      setPanel({ error });
      return;
    }
    isFollowingFocus.current = true;
    setPanel(null);
  };

  return (
    <>
      <ReceiptTile
        ref={tileRef}
        title={title}
        display={display}
        view={view}
        isPanelOpen={panel !== null}
        panelId={panelId}
        onAttach={() => (panel ? closePanel() : openPanel())}
        onView={() => setIsViewing(true)}
        className={tileClassName}
      />
      <ReceiptStatusLine
        display={display}
        primaryRef={primaryRef}
        onCancel={() => {
          isFollowingFocus.current = true;
          receipt.cancel();
        }}
        onRetry={receipt.retry}
        onCheckAgain={receipt.checkAgain}
        onChooseFile={openPanel}
        onDismiss={async () => {
          isFollowingFocus.current = true;
          await receipt.dismiss();
        }}
        className={lineClassName}
      />
      {panel ? (
        <AttachPanel id={panelId} heading={`Attach a receipt to ${title}`} isTouchFirst={isTouchFirst} error={panel.error} onFile={onFile} onClose={closePanel} className={panelClassName} />
      ) : null}
      {isViewing && current ? (
        <ReceiptViewer
          title={title}
          isPdf={current.contentType === "application/pdf"}
          view={view}
          onClose={() => {
            setIsViewing(false);
            tileRef.current?.focus();
          }}
          onReplace={() => {
            setIsViewing(false);
            panelOpener.current = tileRef.current;
            setPanel({ error: null });
          }}
          onRemove={async () => {
            isFollowingFocus.current = true;
            await receipt.remove();
            setIsViewing(false);
          }}
        />
      ) : null}
      <p role="status" className="sr-only">
        {receipt.announcement}
      </p>
    </>
  );
}
