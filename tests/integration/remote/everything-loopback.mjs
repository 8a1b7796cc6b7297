// Runs @modelcontextprotocol/server-everything's Streamable HTTP server on 127.0.0.1 only (it
// listens on every interface by itself) and prints the port the OS chose for PORT=0.
import net from 'node:net';
import { pathToFileURL } from 'node:url';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' || typeof args[0] === 'string') {
    const port = Number(args[0]);
    const callbacks = args.slice(1).filter((a) => typeof a === 'function');
    this.once('listening', () => {
      const address = this.address();
      process.stderr.write(`LISTENING ${address.address} ${address.port}\n`);
    });
    return listen.call(this, port, '127.0.0.1', ...callbacks);
  }
  return listen.apply(this, args);
};

await import(pathToFileURL(process.argv[2]).href);
