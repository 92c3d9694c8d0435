// React 18 ships the web-stream renderer as `react-dom/server.browser`; its types are the
// ones @types/react-dom gives `react-dom/server`.
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
