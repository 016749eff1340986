// The checked JavaScript API over the raw embind functions (linked with --pre-js, so it runs
// inside the createDescentCore factory, where `Module` is the module being built, and ships in the
// same file: build/wasm/descent-core.js and the first part of the site's descent.js).
//
//   const core = (await createDescentCore({ descentDevelopment: true })).api;
//   core.runDescent({ surface: 'bowl', start: [1, 1], lr: 'fast' });  // throws DescentError:
//                                  // message "lr must be a number", field "lr"
//   core.using(core.createNetwork(config), (network) => network.train(options));  // deleted after
//
// The raw functions stay as they are on the module (each returns {ok: false, error} on bad
// input); module.api wraps every one of them:
// - a failure becomes a thrown DescentError (message: the core's; field: the config key the
//   message names, when it names one; position: where a formula stopped parsing);
// - a success comes back as it is (ok: true included), except a result that only carries a new
//   object ({ok, network}, {ok, playground}, …): that object comes back itself, wrapped the same
//   way (its methods throw DescentError too) — the caller owns it and must delete() it;
// - using(handle, body) runs body(handle) and deletes the handle afterwards, also when body throws
//   or its promise rejects;
// - in development (createDescentCore({descentDevelopment: true}); the node tests turn it on, the
//   site leaves it off) a wrapped object that is garbage-collected without delete() is reported
//   with console.warn, with where it was created, and freed.
// The raw calls create no temporaries of their own (configs cross as JS values, results are
// copied typed arrays), so the objects made by create* functions are all there is to free.
(function installDescentApi(module) {
  // The core's failure value: {ok: false, error: string, …}.
  function isFailure(result) {
    return result !== null && typeof result === 'object' && result.ok === false && typeof result.error === 'string';
  }

  // An instance of a class registered with embind (it has embind's delete and isDeleted).
  function isHandle(value) {
    return (
      value !== null &&
      typeof value === 'object' &&
      typeof value.delete === 'function' &&
      typeof value.isDeleted === 'function' &&
      typeof value.$$ === 'object'
    );
  }

  // A leading key path of a config: "box.xMin" in "box.xMin must be a finite number".
  const KEY_PATH = /^([A-Za-z_$][\w$]*(?:\[\d+\]|\.[A-Za-z_$][\w$]*)*)/;
  const AFTER_SUBJECT = /^ (?:must|is|are|needs|need|should|has|have|cannot|can't|out of|expects|takes)\b/;

  function topKey(path) {
    return path.split(/[.[]/)[0];
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function namesWord(message, word) {
    return new RegExp('(^|[^\\w$.])' + escapeRegExp(word) + '(?![\\w$])').exec(message);
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
  }

  // The config key a message is about, or undefined. In order: "racer 2: …" is about
  // racers[1] (and then what the rest says about it); the message's subject ("lr must be …",
  // "box.xMin must be …", skipping prefixes that are not keys such as "trainer: ", and looking one
  // level down: "adam: beta1 must …" → hyper.beta1); else the config key it names first as a word
  // ("unknown optimizer \"adamx\""); else the key whose string value it names ("volcano" → surface).
  function fieldOf(message, config) {
    if (!isPlainObject(config)) return undefined;
    const has = function (object, key) {
      return Object.prototype.hasOwnProperty.call(object, key);
    };
    const item = /^([A-Za-z]+) (\d+)(?: \([^)]*\))?: /.exec(message);
    if (item && Array.isArray(config[item[1] + 's'])) {
      const list = item[1] + 's[' + (Number(item[2]) - 1) + ']';
      const inner = fieldOf(message.slice(item[0].length), config[item[1] + 's'][Number(item[2]) - 1]);
      return inner ? list + '.' + inner : list;
    }
    // A key path of the config (or of one of its objects) that `path` starts with.
    const resolve = function (path) {
      const top = topKey(path);
      if (has(config, top)) return path;
      const keys = Object.keys(config);
      for (let i = 0; i < keys.length; ++i) {
        if (isPlainObject(config[keys[i]]) && has(config[keys[i]], top)) return keys[i] + '.' + path;
      }
      return undefined;
    };
    const parts = [];
    let rest = message;
    for (;;) {
      const match = KEY_PATH.exec(rest);
      if (!match) break;
      const after = rest.slice(match[1].length);
      const prefix = /^(?: [A-Za-z]+)?: /.exec(after); // "trainer: ", "one_cycle schedule: "
      if (prefix) {
        parts.push(match[1]);
        rest = after.slice(prefix[0].length);
        continue;
      }
      if (AFTER_SUBJECT.test(after)) parts.push(match[1]);
      break;
    }
    for (let p = 0; p < parts.length; ++p) {
      const resolved = resolve(parts[p]);
      if (resolved) return [resolved].concat(parts.slice(p + 1)).join('.');
    }
    const keys = Object.keys(config);
    let best;
    let bestAt = Infinity;
    keys.forEach(function (key) {
      const found = namesWord(message, key);
      if (found && found.index < bestAt) {
        best = key;
        bestAt = found.index;
      }
    });
    if (best !== undefined) return best;
    for (let k = 0; k < keys.length; ++k) {
      const value = config[keys[k]];
      if (typeof value === 'string' && value.length >= 2 && namesWord(message, value)) return keys[k];
    }
    return undefined;
  }

  // One error type for every input the core refuses.
  class DescentError extends Error {
    constructor(message, details) {
      super(message);
      details = details || {};
      this.name = 'DescentError';
      this.field = details.field; // the offending config key, or undefined
      this.operation = details.operation; // the call that failed, e.g. "runDescent", "Playground.setParameter"
      this.position = details.position; // formula failures: 0-based index of the parse error
      this.failure = details.failure; // the raw {ok: false, error, …} result
    }
  }

  function fail(operation, failure, config) {
    throw new DescentError(failure.error, {
      field: fieldOf(failure.error, config),
      operation: operation,
      position: typeof failure.position === 'number' ? failure.position : undefined,
      failure: failure,
    });
  }

  // The only objects a success carries that the caller must free: {ok: true, <name>: handle}.
  function soleHandle(result) {
    if (result === null || typeof result !== 'object' || result.ok !== true) return null;
    const keys = Object.keys(result).filter(function (key) {
      return key !== 'ok';
    });
    return keys.length === 1 && isHandle(result[keys[0]]) ? result[keys[0]] : null;
  }

  function build() {
    const development = !!module.descentDevelopment;
    let registry = null;
    if (development && typeof FinalizationRegistry === 'function') {
      registry = new FinalizationRegistry(function (held) {
        if (held.raw.isDeleted()) return;
        console.warn(
          'Descent: a ' +
            held.typeName +
            ' was garbage-collected without delete(); freeing it now. ' +
            'Call delete() when done with it, or scope it with core.using(handle, (h) => …).' +
            (held.createdAt ? '\nCreated ' + held.createdAt : ''),
        );
        held.raw.delete();
      });
    }

    const wrapperPrototypes = new Map(); // embind class prototype → wrapper prototype

    function check(operation, result, config) {
      if (isFailure(result)) fail(operation, result, config);
      const handle = soleHandle(result);
      return handle ? wrapHandle(handle) : result;
    }

    function wrapperPrototypeFor(raw) {
      const rawPrototype = Object.getPrototypeOf(raw);
      let prototype = wrapperPrototypes.get(rawPrototype);
      if (prototype) return prototype;
      const typeName = raw.$$.ptrType.registeredClass.name;
      prototype = {
        delete: function () {
          if (registry) registry.unregister(this);
          if (!this.raw.isDeleted()) this.raw.delete();
        },
        isDeleted: function () {
          return this.raw.isDeleted();
        },
      };
      Object.defineProperty(prototype, Symbol.toStringTag, { value: typeName });
      Object.getOwnPropertyNames(rawPrototype).forEach(function (name) {
        if (name === 'constructor' || typeof rawPrototype[name] !== 'function') return;
        const operation = typeName + '.' + name;
        prototype[name] = function () {
          if (this.raw.isDeleted()) throw new Error('Descent: ' + operation + ' called after delete()');
          return check(operation, this.raw[name].apply(this.raw, arguments), arguments[0]);
        };
      });
      wrapperPrototypes.set(rawPrototype, prototype);
      return prototype;
    }

    function wrapHandle(raw) {
      const handle = Object.create(wrapperPrototypeFor(raw));
      Object.defineProperty(handle, 'raw', { value: raw }); // the embind object, for interop
      if (registry) {
        const stack = new Error().stack || '';
        registry.register(
          handle,
          {
            raw: raw,
            typeName: raw.$$.ptrType.registeredClass.name,
            createdAt: stack.split('\n').slice(4, 8).join('\n').trim(),
          },
          handle,
        );
      }
      return handle;
    }

    function using(handle, body) {
      if (handle === null || typeof handle !== 'object' || typeof handle.delete !== 'function') {
        throw new TypeError('core.using needs an object with delete(), got ' + String(handle));
      }
      const release = function () {
        if (typeof handle.isDeleted !== 'function' || !handle.isDeleted()) handle.delete();
      };
      let result;
      try {
        result = body(handle);
      } catch (error) {
        release();
        throw error;
      }
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
        return result.then(
          function (value) {
            release();
            return value;
          },
          function (error) {
            release();
            throw error;
          },
        );
      }
      release();
      return result;
    }

    const api = { DescentError: DescentError, using: using, raw: module, development: development };
    // Every function registered with embind (embind's replacePublicSymbol gives each a numeric
    // argCount; the runtime's own exports have none).
    Object.keys(module).forEach(function (name) {
      const raw = module[name];
      if (typeof raw !== 'function' || typeof raw.argCount !== 'number') return;
      api[name] = function () {
        return check(name, raw.apply(null, arguments), arguments[0]);
      };
    });
    return Object.freeze(api);
  }

  // The raw functions and methods, guarded (installed once the runtime has registered them, before
  // the factory's promise resolves): embind's own checks throw before the core is entered — a
  // BindingError for a wrong argument count, a non-string for a std::string, a deleted handle —
  // and those come back as {ok: false, error} like any refusal of the core. Missing trailing
  // arguments are passed as undefined (the core then says what is missing); extra ones are
  // refused. Anything else thrown from inside the core (a C++ exception, a trap) is a bug the
  // core's validation missed: it comes back as {ok: false, error: "internal error in …"} (so a page
  // shows a message instead of breaking), which the fuzz test (tests/wasm/fuzz.test.js) forbids.
  function describeThrown(thrown) {
    if (thrown instanceof Error) return thrown.message;
    if (typeof thrown === 'number') return 'C++ exception'; // the thrown object's address
    return String(thrown);
  }

  function guard(operation, raw, argCount) {
    const guarded = function () {
      const args = Array.prototype.slice.call(arguments);
      if (args.length > argCount) {
        return {
          ok: false,
          error:
            operation + ' takes ' + (argCount === 1 ? '1 argument' : argCount + ' arguments') + ', got ' + args.length,
        };
      }
      while (args.length < argCount) args.push(undefined);
      try {
        return raw.apply(this, args);
      } catch (thrown) {
        const message = describeThrown(thrown);
        const binding =
          thrown instanceof Error &&
          (thrown.name === 'BindingError' || thrown.name === 'TypeError' || thrown.name === 'InternalError');
        if (binding && !(thrown instanceof WebAssembly.RuntimeError)) {
          return { ok: false, error: operation + ': ' + message };
        }
        return { ok: false, error: 'internal error in ' + operation + ': ' + message };
      }
    };
    guarded.argCount = argCount;
    return guarded;
  }

  // A class registered with embind: its constructor function has a prototype with isDeleted.
  function isClass(value) {
    return typeof value === 'function' && value.prototype && typeof value.prototype.isDeleted === 'function';
  }

  function guardAll() {
    Object.keys(module).forEach(function (name) {
      const raw = module[name];
      if (typeof raw === 'function' && typeof raw.argCount === 'number' && !raw.descentGuarded) {
        module[name] = guard(name, raw, raw.argCount);
        module[name].descentGuarded = true;
      } else if (isClass(raw)) {
        const prototype = raw.prototype;
        Object.getOwnPropertyNames(prototype).forEach(function (method) {
          const function_ = prototype[method];
          if (method === 'constructor' || typeof function_ !== 'function') return;
          if (typeof function_.argCount !== 'number' || function_.descentGuarded) return;
          prototype[method] = guard(name + '.' + method, function_, function_.argCount);
          prototype[method].descentGuarded = true;
        });
      }
    });
  }

  // postRun runs inside the runtime's start, right after registration and before any caller's
  // then() of the factory's promise.
  const postRun = module.postRun;
  module.postRun = [guardAll].concat(typeof postRun === 'function' ? [postRun] : postRun || []);

  let built = null;
  // Built on first use, after the runtime has registered the functions (they are not there yet
  // while this file runs). Not enumerable: the runtime copies the module's enumerable properties
  // (Object.assign) while it starts, which would build the API too early.
  Object.defineProperty(module, 'api', {
    enumerable: false,
    get: function () {
      if (!built) built = build();
      return built;
    },
  });
})(Module);
