import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { AuthProvider } from "@/components/auth/auth-provider";
import { Providers } from "@/components/providers";
import { publicAuthConfig } from "@/server/public-config";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Ledgerline", template: "%s · Ledgerline" },
  description: "Track your expenses in any currency, see where the money goes.",
  icons: { icon: "/icon.svg" },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = { themeColor: "#047857", width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The Cognito ids come from the linked resources at request time, so one build serves every stage.
  await connection();
  return (
    // next-themes sets the theme class on <html> before React hydrates, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <body>
        <AuthProvider config={publicAuthConfig()}>
          <Providers>{children}</Providers>
        </AuthProvider>
      </body>
    </html>
  );
}
