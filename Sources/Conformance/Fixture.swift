import Foundation

/// One GeneralStateTests test, as in ethereum/tests `docs/test_types/gstate_tests.rst`.
struct StateTestFixture: Decodable {
    let env: Env
    let pre: [String: PreAccount]
    let transaction: TransactionTemplate
    let post: [String: [PostCase]]
    let config: Config?

    /// The fixture's chain: its id and, per fork name, the blob parameters (EIP-7840) the
    /// filler used, which win over the fork's own schedule.
    struct Config: Decodable {
        let chainid: String?
        let blobSchedule: [String: BlobScheduleJSON]?
    }

    struct BlobScheduleJSON: Decodable {
        let target: String
        let max: String
        let baseFeeUpdateFraction: String
    }

    struct Env: Decodable {
        let currentCoinbase: String
        let currentGasLimit: String
        let currentNumber: String
        let currentTimestamp: String
        let currentDifficulty: String?
        let currentRandom: String?
        let currentBaseFee: String?
        let currentExcessBlobGas: String?
    }

    struct PreAccount: Decodable {
        let balance: String
        let nonce: String
        let code: String
        let storage: [String: String]
    }

    struct AccessListJSON: Decodable {
        let address: String
        let storageKeys: [String]
    }

    /// A family of transactions: `data`, `gasLimit` and `value` are indexed by a case's `indexes`.
    struct TransactionTemplate: Decodable {
        let data: [String]
        let gasLimit: [String]
        let value: [String]
        let nonce: String
        let to: String
        let gasPrice: String?
        let maxFeePerGas: String?
        let maxPriorityFeePerGas: String?
        let accessLists: [[AccessListJSON]?]?
        let maxFeePerBlobGas: String?
        let blobVersionedHashes: [String]?
        let secretKey: String?
        let sender: String?
        /// EIP-7702, signed tuples as execution-spec-tests writes them.
        let authorizationList: [AuthorizationJSON]?
    }

    /// One EIP-7702 tuple: `v` or `yParity` is the y parity (fixtures write both).
    struct AuthorizationJSON: Decodable {
        let chainId: String
        let address: String
        let nonce: String
        let v: String?
        let yParity: String?
        let r: String
        let s: String
    }

    struct PostCase: Decodable {
        let hash: String
        let logs: String
        let indexes: Indexes
        let txbytes: String?
        let expectException: String?
        struct Indexes: Decodable { let data: Int; let gas: Int; let value: Int }
    }
}

/// A whole fixture file: test name → test.
typealias StateTestFile = [String: StateTestFixture]
