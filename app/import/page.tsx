import type { Metadata } from "next";
import { SignedInOnly } from "@/components/auth/signed-in-only";
import { ImportHome } from "@/components/import/import-home";

export const metadata: Metadata = { title: "Import" };

export default function ImportPage() {
  return (
    <SignedInOnly>
      <ImportHome />
    </SignedInOnly>
  );
}
