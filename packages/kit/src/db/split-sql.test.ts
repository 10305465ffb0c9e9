import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './split-sql';

describe('splitSqlStatements', () => {
  it('splits on semicolons outside quotes, dollar bodies and comments', () => {
    const script = `create table a (x text default 'a;b'); -- c;omment
      create function f() returns int as $fn$ begin return 1; end $fn$ language plpgsql;
      /* block; comment */ insert into a values ('it''s;');`;
    expect(splitSqlStatements(script)).toEqual([
      "create table a (x text default 'a;b')",
      'create function f() returns int as $fn$ begin return 1; end $fn$ language plpgsql',
      "insert into a values ('it''s;')",
    ]);
  });
});
