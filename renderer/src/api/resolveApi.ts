import type { ChatBridge } from '../../../shared/ipc';
import { takeAccessToken } from './accessToken';
import { apiFromPreload, type ChatApi } from './chatApi';
import { bridgeUrlFor, createWebSocketBridge } from './webSocketBridge';

declare global {
  interface Window {
    /** Provided by the Electron preload; absent in a plain browser. */
    chat?: ChatBridge;
  }
}

export class MissingAccessTokenError extends Error {
  constructor() {
    super('This page was opened without its access link.');
    this.name = 'MissingAccessTokenError';
  }
}

/** The one place that decides how this page reaches its core. */
export function resolveChatApi(): ChatApi {
  if (window.chat) return apiFromPreload(window.chat);
  const token = takeAccessToken(window.location, window.sessionStorage, window.history);
  if (!token) throw new MissingAccessTokenError();
  return createWebSocketBridge({ url: bridgeUrlFor(window.location, token) });
}
