import { describe, expect, it } from 'vitest';
import { caFilePathProblem } from '../../../src-main/settings/network';

describe('the extra CA file path, checked as text before it is opened', () => {
  it('accepts a full local path', () => {
    expect(caFilePathProblem('/etc/ssl/company-root.pem', 'linux')).toBeNull();
    expect(caFilePathProblem('C:\\certs\\company-root.pem', 'win32')).toBeNull();
    expect(caFilePathProblem('D:/certs/root.cer', 'win32')).toBeNull();
  });

  it('refuses network shares and device namespaces on every platform (opening one would offer NTLM credentials)', () => {
    for (const path of ['\\\\server\\share\\root.pem', '//server/share/root.pem', '\\\\?\\UNC\\server\\share\\root.pem', '\\\\.\\pipe\\x']) {
      expect(caFilePathProblem(path, 'win32'), path).toMatch(/network share/);
      expect(caFilePathProblem(path, 'linux'), path).toMatch(/network share/);
    }
  });

  it('refuses relative, root-relative and stream paths, and NUL bytes', () => {
    expect(caFilePathProblem('certs/root.pem', 'linux')).toMatch(/full path.*\/etc\/ssl/);
    expect(caFilePathProblem('\\certs\\root.pem', 'win32')).toMatch(/full path.*C:\\certs/);
    expect(caFilePathProblem('C:\\certs\\root.pem:hidden', 'win32')).toMatch(/full path/);
    expect(caFilePathProblem('/etc/ssl/root.pem\0.txt', 'linux')).toMatch(/Not a file/);
  });
});
