/**
 * The loop guard in variant files (the budget itself is src/sync/loop-guard.ts): a TypeScript `before`
 * transformer that puts, at the top of every loop body (for, for-in, for-of, while, do-while, in any
 * function, generators and nested functions included),
 *
 *   if (++__sr_lg.n > __sr_lg.limit) __sr_lg.trip("my-design.ts:12");
 *
 * naming the file (its key in the bundle: the base name for the entry) and the line of the loop in the
 * file as written. A module with a loop gets a prologue that binds `__sr_lg` to the global guard:
 * `import { loopGuard as __sr_lg } from 'shrinkrace'`. Imports are evaluated before the module's own
 * code, and importing the package installs the guard (the same object, on globalThis under a registered
 * symbol, whichever copy of the package installs it first), so the guard exists before any loop runs.
 * The name is generated unique, so it cannot collide with the file's own names. Built-in variants are
 * not transformed: their loops yield, and they are reviewed with the model.
 */
import type TS from 'typescript';
import type { Typescript } from './bundle-graph.js';

export function loopGuardTransformer(ts: Typescript, file: string): TS.TransformerFactory<TS.SourceFile> {
  return (ctx) => (sf) => {
    const f = ctx.factory;
    const lg = f.createUniqueName('__sr_lg');
    let guarded = 0;
    const guard = (line: number): TS.Statement => f.createIfStatement(
      f.createBinaryExpression(f.createPrefixIncrement(f.createPropertyAccessExpression(lg, 'n')), ts.SyntaxKind.GreaterThanToken, f.createPropertyAccessExpression(lg, 'limit')),
      f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(lg, 'trip'), undefined, [f.createStringLiteral(`${file}:${line}`)])),
    );
    const body = (s: TS.Statement, line: number): TS.Statement => {
      guarded++;
      return ts.isBlock(s) ? f.updateBlock(s, [guard(line), ...s.statements]) : f.createBlock([guard(line), s], true);
    };
    const visit = (node: TS.Node): TS.Node => {
      if (!ts.isIterationStatement(node, false)) return ts.visitEachChild(node, visit, ctx);
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      const n = ts.visitEachChild(node, visit, ctx);
      if (ts.isForStatement(n)) return f.updateForStatement(n, n.initializer, n.condition, n.incrementor, body(n.statement, line));
      if (ts.isForInStatement(n)) return f.updateForInStatement(n, n.initializer, n.expression, body(n.statement, line));
      if (ts.isForOfStatement(n)) return f.updateForOfStatement(n, n.awaitModifier, n.initializer, n.expression, body(n.statement, line));
      if (ts.isWhileStatement(n)) return f.updateWhileStatement(n, n.expression, body(n.statement, line));
      if (ts.isDoStatement(n)) return f.updateDoStatement(n, body(n.statement, line), n.expression);
      return n;
    };
    const out = ts.visitEachChild(sf, visit, ctx);
    if (guarded === 0) return out;
    const prologue = f.createImportDeclaration(
      undefined,
      f.createImportClause(undefined, undefined, f.createNamedImports([f.createImportSpecifier(false, f.createIdentifier('loopGuard'), lg)])),
      f.createStringLiteral('shrinkrace'),
    );
    return f.updateSourceFile(out, [prologue, ...out.statements]);
  };
}
