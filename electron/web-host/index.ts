export {
  startWebHost,
  RendererMissingError,
  DEFAULT_RENDERER_DIR,
  WEB_HOST_ADDRESS,
  type WebHost,
  type WebHostOptions,
  type HostedCore,
  type HostedCoreDeps,
  type CoreFactory,
} from './webHost';
export { BRIDGE_PATH } from './bridgeServer';
