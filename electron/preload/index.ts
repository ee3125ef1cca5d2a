import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './createBridge';

// The whole preload: a sandboxed preload can require only `electron`, so this
// bundles to one CommonJS file with shared/ipc/channels inlined and nothing else.
contextBridge.exposeInMainWorld('chat', createBridge(ipcRenderer));
