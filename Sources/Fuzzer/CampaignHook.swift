import Primitives
import Scenario

/// A plug-in's properties and actions inside a campaign (the PoR battery is one): properties that
/// see each action and its outcome (transitions: "after a successful mint…"), and actions chosen
/// from the live state (a feed answer of exactly the current supply). Every action it returns is a
/// concrete `FuzzCall`, so that shrinking, replays and reproducers stay exact.
///
/// One hook object per campaign (it may keep state between calls); `FuzzHookSpec` makes them.
public protocol CampaignHook: AnyObject {
    /// Its properties' names, in the order the violations' `property` indexes refer to.
    var propertyNames: [String] { get }
    /// Once, after the setup ran and was anchored.
    func prepare(_ session: HookSession) throws
    /// At the start of every sequence and every replay (the chain is back at the anchor).
    func beginSequence()
    /// The next action of a sequence being generated (the chain is in the state it will run in);
    /// nil leaves the choice to the campaign's own generator.
    func nextAction(_ random: inout SeededRandom) -> FuzzCall?
    /// Before each action (read the state a transition property compares with).
    func before(_ action: FuzzCall)
    /// After it: the violations of its properties, if any.
    func after(_ action: FuzzCall, succeeded: Bool) -> [HookViolation]
}

/// A hook's broken property.
public struct HookViolation {
    /// Index into the hook's `propertyNames`.
    public var property: Int
    public var message: String
    /// How the reproducer shows it: what the last call must do, then checks appended.
    public var tail: ReproducerTail
    public init(property: Int, message: String, tail: ReproducerTail) {
        self.property = property; self.message = message; self.tail = tail
    }
}

/// The end of a reproducer for a transition property, which a `property:` step cannot express:
/// the last call's expected outcome, then scenario steps (JSON) that fail on replay.
public struct ReproducerTail: Codable, Equatable, Sendable {
    public enum LastCall: String, Codable, Sendable {
        /// As it ran (reverted calls expect a revert).
        case asRun
        /// `expect: {revert: any}`: it succeeded and must not have (fails on replay).
        case mustRevert
        /// No expect (a revert fails the step): it reverted and must not have.
        case mustSucceed
    }
    public var lastCall: LastCall
    /// Scenario steps as JSON objects, e.g. `{"call": "token.paused", "expect": {"returns": [true]}}`.
    public var steps: [String]
    public init(lastCall: LastCall, steps: [String] = []) { self.lastCall = lastCall; self.steps = steps }
}

/// What a hook sees of its campaign.
public struct HookSession {
    public let context: ScenarioContext
    /// Actor name → live address.
    public let actors: [String: Address]
    /// Actor names in the config's order.
    public let actorNames: [String]
    public let config: FuzzConfig
}

/// A hook as the config file names it (`- por: {…}` under `properties:`): parsed once, then a
/// fresh hook for every campaign.
public protocol FuzzHookSpec {
    /// The properties' names (for the summary before any campaign runs).
    var propertyNames: [String] { get }
    /// What the summary should say (a property left out and why).
    var notes: [String] { get }
    func makeHook() -> CampaignHook
}

extension FuzzHookSpec {
    public var notes: [String] { [] }
}

/// A kind of map entry under `properties:` (`por`), registered by a plug-in.
public protocol FuzzPropertyKind {
    var key: String { get }
    /// `fields`: the entry's value, at `path` (`properties[2].por`). Throws `FieldError`.
    func parse(_ fields: Fields, scope: Scope, actors: [Sender], path: String) throws -> FuzzHookSpec
}
