/**
 * For tests: a TCP proxy in front of PostgreSQL that can take the database "away" the two
 * ways production does — `down()` (every connection reset, new ones refused: a crash or a
 * restart) and `blackhole()` (connections stay open but nothing answers: a network partition).
 */
import net from 'node:net';

export class TcpProxy {
  readonly #sockets = new Set<net.Socket>();
  readonly #pairs = new Set<[net.Socket, net.Socket]>();
  #mode: 'up' | 'blackhole' | 'down' = 'up';

  private constructor(
    readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const proxy = new TcpProxy(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => proxy.#accept(client, target));
    return proxy;
  }

  #track(socket: net.Socket): void {
    this.#sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.#sockets.delete(socket));
  }

  #accept(client: net.Socket, target: { host: string; port: number }): void {
    this.#track(client);
    if (this.#mode !== 'up') {
      // Accepted, never answered.
      client.on('data', () => undefined);
      return;
    }
    const upstream = net.connect(target.port, target.host);
    this.#track(upstream);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.#pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      this.#pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  }

  /** Nothing answers any more; connections stay open and new ones are accepted and ignored. */
  blackhole(): void {
    this.#mode = 'blackhole';
    for (const [client, upstream] of this.#pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.on('data', () => undefined);
      upstream.on('data', () => undefined);
    }
  }

  /** Every connection is reset and the port refuses new ones. */
  async down(): Promise<void> {
    this.#mode = 'down';
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  /** Ends everything (idempotent). */
  async close(): Promise<void> {
    this.#mode = 'down';
    for (const socket of this.#sockets) socket.destroy();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
