"use client";

import { useRef, useState } from "react";
import { useImportUpload } from "@/client/imports/use-import-upload";
import { useMe } from "@/client/settings/use-settings";
import { AppHeader } from "../app-header";
import { ImportDropZone } from "./import-drop-zone";
import { ImportPanel } from "./import-panel";
import { RecentImports } from "./recent-imports";

const card = "flex min-w-0 flex-col gap-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5 dark:border-slate-700 dark:bg-slate-900";

/** /import: a bank's CSV in, checked in a preview, imported, reported, and undoable. */
export function ImportHome() {
  const me = useMe();
  const upload = useImportUpload();
  const [importId, setImportId] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const onFile = async (file: File) => {
    const id = await upload.upload(file);
    if (id) setImportId(id);
  };
  const startOver = () => {
    setImportId(null);
    upload.reset();
    // Focus goes back to the top of the page, where the drop zone is again.
    requestAnimationFrame(() => headingRef.current?.focus());
  };
  const open = (id: string) => {
    setImportId(id);
    requestAnimationFrame(() => headingRef.current?.focus());
  };

  return (
    <>
      <AppHeader email={me.data?.email ?? null} />
      <main className="mx-auto flex w-full max-w-5xl min-w-0 flex-col gap-6 px-4 py-6">
        <div>
          <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-semibold tracking-tight outline-none">
            Import expenses
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">From your bank’s or card’s CSV export. You can undo an import at any time.</p>
        </div>
        <section aria-label={importId ? "Current import" : "Choose a file"} className={card}>
          {importId ? <ImportPanel importId={importId} onAnother={startOver} /> : <ImportDropZone state={upload.state} onFile={(file) => void onFile(file)} onCancel={upload.cancel} />}
        </section>
        <section aria-labelledby="recent-imports-heading" className={card}>
          <h2 id="recent-imports-heading" className="text-lg font-semibold">
            Recent imports
          </h2>
          <RecentImports onOpen={open} />
        </section>
      </main>
    </>
  );
}
