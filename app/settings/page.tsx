import type { Metadata } from "next";
import { SignedInOnly } from "@/components/auth/signed-in-only";
import { SettingsHome } from "@/components/settings/settings-home";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <SignedInOnly>
      <SettingsHome />
    </SignedInOnly>
  );
}
