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

extension DeepStack {
    /// Calls `body(i)` for every i in 0..<iterations on `threads` big-stack threads, each taking
    /// the next index when it finishes one (work-stealing over a shared counter).
    public static func concurrentPerform(iterations: Int, threads: Int, stackSize: Int = defaultSize,
                                         _ body: @escaping @Sendable (Int) -> Void) {
        let counter = SharedCounter()
        let workers = max(1, min(threads, iterations))
        // One worker runs on a fresh big-stack thread per slot; the calling thread only waits.
        let group = (0..<workers).map { _ in
            WorkerThread(stackSize: stackSize) {
                while true {
                    let i = counter.next()
                    if i >= iterations { return }
                    body(i)
                }
            }
        }
        for w in group { w.join() }
    }
}

/// A mutex-protected counter handing out work indexes.
final class SharedCounter: @unchecked Sendable {
    private var value = 0
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    deinit { pthread_mutex_destroy(&mutex) }
    func next() -> Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        value += 1
        return value - 1
    }
}

/// A joinable pthread with a chosen stack size.
final class WorkerThread {
    private var thread = pthread_t()
    private var started = false
    private let body: () -> Void

    init(stackSize: Int, _ body: @escaping () -> Void) {
        self.body = body
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        pthread_attr_setstacksize(&attr, stackSize)
        let ctx = Unmanaged.passRetained(self).toOpaque()
        started = pthread_create(&thread, &attr, { raw in
            guard let raw else { return nil }
            let w = Unmanaged<WorkerThread>.fromOpaque(raw).takeRetainedValue()
            w.body()
            return nil
        }, ctx) == 0
        if !started {
            Unmanaged<WorkerThread>.fromOpaque(ctx).release()
            body()                       // no thread: do the work here
        }
    }

    func join() { if started { pthread_join(thread, nil) } }
}
