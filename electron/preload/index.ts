import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

// Sandboxed preload: it may import only `electron` and core/api's channel list
// (no zod, no Node); the arrow keeps ipcRenderer itself out of the bridge.
contextBridge.exposeInMainWorld(
  'berkas',
  createBridge((ipcChannel, payload) => ipcRenderer.invoke(ipcChannel, payload)),
);
