#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs `body` on a thread with a large native stack: 1024 nested EVM frames recurse through
/// the interpreter and would overflow a default 8 MiB (or 512 KiB worker) stack.
public enum DeepStack {
    public static let defaultSize = 1 << 30

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    public static func run<T>(stackSize: Int = defaultSize, _ body: () -> T) -> T {
        withoutActuallyEscaping(body) { escapable in
            var result: T?
            let box = Box { result = escapable() }
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            pthread_attr_setstacksize(&attr, stackSize)
            let ctx = Unmanaged.passRetained(box).toOpaque()
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t?
            #endif
            let rc = pthread_create(&thread, &attr, { raw in
                guard let raw else { return nil }
                let b = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
                b.body()
                return nil
            }, ctx)
            if rc != 0 {
                // No thread could be made: run here rather than fail.
                Unmanaged<Box>.fromOpaque(ctx).release()
                box.body()
            } else {
                #if canImport(Glibc)
                pthread_join(thread, nil)
                #else
                if let thread { pthread_join(thread, nil) }
                #endif
            }
            return result!  // safe: body ran to completion on either path
        }
    }
}
