import Diagnostics
import Foundation

/// Maps over items on all cores, keeping order and collecting every failure.
enum Parallel {
    /// `progress` counts every finished item.
    static func map<Input: Sendable, Output: Sendable>(
        _ items: [Input], progress: ProgressCounter? = nil, _ transform: @Sendable (Input) throws(Diagnostic) -> Output
    ) throws(DiagnosticList) -> [Output] {
        let results = ResultSlots<Output>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            do throws(Diagnostic) {
                results.set(index, .success(try transform(items[index])))
            } catch {
                results.set(index, .failure(error))
            }
            progress?.advance()
        }
        var outputs: [Output] = []
        var errors: [Diagnostic] = []
        outputs.reserveCapacity(items.count)
        for slot in results.values {
            switch slot {
            case .success(let value)?: outputs.append(value)
            case .failure(let error)?: errors.append(error)
            case nil: break
            }
        }
        guard errors.isEmpty else { throw DiagnosticList(errors) }
        return outputs
    }
}

/// Slots written once each from concurrent workers.
private final class ResultSlots<Output: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Result<Output, Diagnostic>?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Result<Output, Diagnostic>) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
