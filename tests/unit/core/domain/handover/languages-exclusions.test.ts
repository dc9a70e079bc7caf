import { detectLanguages, languageOf } from '../../../../../core/domain/handover/languages';
import { checkExcludes, defaultExcludes, excludedBy, isExcludedFolder } from '../../../../../core/domain/handover/exclusions';

describe('languages', () => {
  it('names languages by extension and known file names', () => {
    expect(languageOf('resources/views/home.blade.php')).toBe('PHP');
    expect(languageOf('src/App.TSX')).toBe('TypeScript');
    expect(languageOf('Dockerfile')).toBe('Dockerfile');
    expect(languageOf('public/logo.png')).toBeNull();
    expect(languageOf('.gitignore')).toBeNull();
  });

  it('totals files and bytes per language, largest first', () => {
    const shares = detectLanguages([
      { path: 'a.php', size: 100 },
      { path: 'b.php', size: 300 },
      { path: 'c.js', size: 1000 },
      { path: 'logo.png', size: 99999 },
    ]);
    expect(shares).toEqual([
      { language: 'JavaScript', files: 1, bytes: 1000 },
      { language: 'PHP', files: 2, bytes: 400 },
    ]);
  });
});

describe('exclusions', () => {
  it('leaves out VCS and build folders at any depth by default', () => {
    expect(excludedBy('.git/config', defaultExcludes)).toBe('.git');
    expect(excludedBy('web/node_modules/react/index.js', defaultExcludes)).toBe('node_modules');
    expect(excludedBy('src/build/x.js', defaultExcludes)).toBe('build');
    expect(excludedBy('src/main.php', defaultExcludes)).toBeNull();
    expect(excludedBy('vendor/autoload.php', defaultExcludes)).toBe('vendor');
    expect(excludedBy('web/vendor/laravel/framework/src/x.php', defaultExcludes)).toBe('vendor');
    // Taken off the list, vendor/ is packaged with the rest.
    expect(excludedBy('vendor/autoload.php', defaultExcludes.filter((f) => f !== 'vendor'))).toBeNull();
  });

  it('judges folders only: a file called "build" stays', () => {
    expect(excludedBy('scripts/build', defaultExcludes)).toBeNull();
    expect(isExcludedFolder('scripts/build', defaultExcludes)).toBe(true);
    expect(isExcludedFolder('src', defaultExcludes)).toBe(false);
  });

  it('checks a list the officer typed', () => {
    expect(checkExcludes([' node_modules ', 'tmp', 'tmp', ''])).toEqual({ excludes: ['node_modules', 'tmp'], problems: [] });
    expect(checkExcludes(['a/b']).problems[0]).toContain('"a/b" bukan nama folder');
  });
});
