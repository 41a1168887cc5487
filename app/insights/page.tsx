import type { Metadata } from "next";
import { SignedInOnly } from "@/components/auth/signed-in-only";
import { InsightsHome } from "@/components/insights/insights-home";

export const metadata: Metadata = { title: "Insights" };

export default function InsightsPage() {
  return (
    <SignedInOnly>
      <InsightsHome />
    </SignedInOnly>
  );
}
