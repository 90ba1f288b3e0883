// The few mocha globals the element tests use (web-test-runner runs them with mocha).
interface MochaTestContext {
  skip(): never;
  timeout(ms: number): void;
}
declare function describe(title: string, fn: () => void): void;
declare function it(title: string, fn: (this: MochaTestContext) => void | Promise<unknown>): void;
declare function beforeEach(fn: () => void | Promise<unknown>): void;
declare function afterEach(fn: () => void | Promise<unknown>): void;
