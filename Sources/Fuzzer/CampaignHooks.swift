import ABI
import Harness
import Scenario

/// The campaign's side of `CampaignHook`: property indexes past the config's own are the hooks'.
extension Campaign {
    func beginHooks() { for h in hooks { h.beginSequence() } }

    /// A hook's action, else one of the campaign's own.
    func nextAction() -> FuzzCall {
        for h in hooks { if let a = h.nextAction(&random) { return a } }
        return freshCall(&random)
    }

    /// Every property broken after `call` (config properties, then every hook's), skipping `broken`.
    /// Each hook's `after` runs once per call, whether or not its properties are already broken.
    func violations(after call: FuzzCall?, skipping broken: [Bool]) -> [(Int, String, ReproducerTail?)] {
        func isBroken(_ k: Int) -> Bool { k < broken.count && broken[k] }
        var out: [(Int, String, ReproducerTail?)] = []
        for (k, p) in config.properties.enumerated() where !isBroken(k) {
            if let v = p.violation(in: context) { out.append((k, v, nil)) }
        }
        var base = config.properties.count
        for h in hooks {
            if let call {
                for v in h.after(call, succeeded: lastSucceeded) where v.property < h.propertyNames.count {
                    let k = base + v.property
                    if !isBroken(k), !out.contains(where: { $0.0 == k }) { out.append((k, v.message, v.tail)) }
                }
            }
            base += h.propertyNames.count
        }
        return out
    }

    /// Property `k`'s violation after `call`, if broken.
    func violation(of k: Int, after call: FuzzCall?) -> (String, ReproducerTail?)? {
        if k < config.properties.count {
            // Hooks still see the call (their state follows the sequence).
            if let call { for h in hooks { _ = h.after(call, succeeded: lastSucceeded) } }
            return config.properties[k].violation(in: context).map { ($0, nil) }
        }
        return violations(after: call, skipping: []).first { $0.0 == k }.map { ($0.1, $0.2) }
    }

    /// A function of a config contract that a hook calls without it being a target.
    func extraFunction(_ key: String, contract: String, signature: String) -> (Bound, ABIFunction, [UInt8])? {
        if let e = extraFunctions[key] { return e }
        guard let b = config.scope.contracts[contract],
              let f = b.abi.functions.first(where: { $0.signature == signature }) else { return nil }
        let e = (b, f, f.selector)
        extraFunctions[key] = e
        return e
    }
}
