import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
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
  // Reading the request makes every page render per request: the Cognito ids come from the linked resources
  // (one build serves every stage) and the script nonce is new each time (proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme class on <html> before React hydrates, hence the warning suppression.
    <html lang="en" suppressHydrationWarning>
      <body>
        <AuthProvider config={publicAuthConfig()}>
          <Providers nonce={nonce}>{children}</Providers>
        </AuthProvider>
      </body>
    </html>
  );
}
