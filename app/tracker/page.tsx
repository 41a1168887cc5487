import type { Metadata } from "next";
import { Suspense } from "react";
import { SignedInOnly } from "@/components/auth/signed-in-only";
import { TrackerHome } from "@/components/tracker/tracker-home";

export const metadata: Metadata = { title: "Expenses" };

export default function TrackerPage() {
  return (
    <SignedInOnly>
      {/* The filters are read from the URL (useSearchParams), which needs a Suspense boundary. */}
      <Suspense>
        <TrackerHome />
      </Suspense>
    </SignedInOnly>
  );
}
