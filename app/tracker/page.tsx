import type { Metadata } from "next";
import { SignedInOnly } from "@/components/auth/signed-in-only";
import { TrackerHome } from "@/components/tracker/tracker-home";

export const metadata: Metadata = { title: "Expenses" };

export default function TrackerPage() {
  return (
    <SignedInOnly>
      <TrackerHome />
    </SignedInOnly>
  );
}
