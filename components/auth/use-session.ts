"use client";

import { getCurrentUser } from "aws-amplify/auth";
import { Hub } from "aws-amplify/utils";
import { useEffect, useState } from "react";

export type SessionState = { status: "loading" } | { status: "signed-out" } | { status: "signed-in"; userId: string };

/** Tracks whether someone is signed in, following Amplify's auth events (sign-in, sign-out, refresh failure). */
export function useSession(): SessionState {
  const [state, setState] = useState<SessionState>({ status: "loading" });
  useEffect(() => {
    let active = true;
    const check = () =>
      getCurrentUser()
        .then((user) => active && setState({ status: "signed-in", userId: user.userId }))
        .catch(() => active && setState({ status: "signed-out" }));
    void check();
    const stop = Hub.listen("auth", ({ payload }) => {
      if (payload.event === "signedOut" || payload.event === "tokenRefresh_failure") setState({ status: "signed-out" });
      if (payload.event === "signedIn") void check();
    });
    return () => {
      active = false;
      stop();
    };
  }, []);
  return state;
}
