// Official fixtures, verbatim from ethereum/tests GeneralStateTests (v14.1), used as runner inputs.

/// GeneralStateTests/stExample/add11.json
let add11FixtureJSON = #"""
{
    "add11" : {
        "_info" : {
            "comment" : "A test for (add 1 1) opcode result",
            "filling-rpc-server" : "evm version 1.14.4-unstable-3d8028a6-20240513",
            "filling-tool-version" : "retesteth-0.3.2-cancun+commit.2ab0208e.Linux.g++",
            "generatedTestHash" : "c3ca929a486db34d80821e3de9e15da542535458d21c9d7816f31761d4e121fc",
            "lllcversion" : "Version: 0.5.14-develop.2023.7.11+commit.c58ab2c6.mod.Linux.g++",
            "solidity" : "Version: 0.8.21+commit.d9974bed.Linux.g++",
            "source" : "src/GeneralStateTestsFiller/stExample/add11Filler.json",
            "sourceHash" : "0ac8f1fbb199f7961a8399d6fa097d8cb7ff121df31e06ad7e8d2a93c2d4c9a6"
        },
        "env" : {
            "currentBaseFee" : "0x0a",
            "currentCoinbase" : "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
            "currentDifficulty" : "0x020000",
            "currentExcessBlobGas" : "0x00",
            "currentGasLimit" : "0xff112233445566",
            "currentNumber" : "0x01",
            "currentRandom" : "0x0000000000000000000000000000000000000000000000000000000000020000",
            "currentTimestamp" : "0x03e8"
        },
        "post" : {
            "Cancun" : [
                {
                    "hash" : "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
                    "indexes" : {
                        "data" : 0,
                        "gas" : 0,
                        "value" : 0
                    },
                    "logs" : "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
                    "txbytes" : "0xf863800a83061a8094095e7baea6a6c7c4c2dfeb977efac326af552d87830186a0801ba0ffb600e63115a7362e7811894a91d8ba4330e526f22121c994c4692035dfdfd5a06198379fcac8de3dbfac48b165df4bf88e2088f294b61efb9a65fe2281c76e16"
                }
            ]
        },
        "pre" : {
            "0x095e7baea6a6c7c4c2dfeb977efac326af552d87" : {
                "balance" : "0x0de0b6b3a7640000",
                "code" : "0x600160010160005500",
                "nonce" : "0x00",
                "storage" : {
                }
            },
            "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba" : {
                "balance" : "0x00",
                "code" : "0x",
                "nonce" : "0x01",
                "storage" : {
                }
            },
            "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b" : {
                "balance" : "0x0de0b6b3a7640000",
                "code" : "0x",
                "nonce" : "0x00",
                "storage" : {
                }
            }
        },
        "transaction" : {
            "data" : [
                "0x"
            ],
            "gasLimit" : [
                "0x061a80"
            ],
            "gasPrice" : "0x0a",
            "nonce" : "0x00",
            "secretKey" : "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
            "sender" : "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
            "to" : "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
            "value" : [
                "0x0186a0"
            ]
        }
    }
}
"""#

/// GeneralStateTests/stEIP1559/tipTooHigh.json
let tipTooHighFixtureJSON = #"""
{
    "tipTooHigh" : {
        "_info" : {
            "comment" : "Ori Pomerantz qbzzt1@gmail.com",
            "filling-rpc-server" : "evm version 1.14.4-unstable-3d8028a6-20240513",
            "filling-tool-version" : "retesteth-0.3.2-cancun+commit.cae6bc33.Linux.g++",
            "generatedTestHash" : "dcf884213a2dd4e34c3c79641d844d03aa5ed7d2a341e0f97517962c378c3e3a",
            "labels" : {
                "0" : "declaredKeyWrite"
            },
            "lllcversion" : "Version: 0.5.14-develop.2023.7.11+commit.c58ab2c6.mod.Linux.g++",
            "solidity" : "Version: 0.8.21+commit.d9974bed.Linux.g++",
            "source" : "src/GeneralStateTestsFiller/stEIP1559/tipTooHighFiller.yml",
            "sourceHash" : "635045b590687b9bc3d7781d6789d37a63713d14fddbdb93ed774f1d6399752b"
        },
        "env" : {
            "currentBaseFee" : "0x03e8",
            "currentCoinbase" : "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
            "currentDifficulty" : "0x020000",
            "currentExcessBlobGas" : "0x00",
            "currentGasLimit" : "0xff112233445566",
            "currentNumber" : "0x01",
            "currentRandom" : "0x0000000000000000000000000000000000000000000000000000000000020000",
            "currentTimestamp" : "0x03e8"
        },
        "post" : {
            "Cancun" : [
                {
                    "expectException" : "TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS",
                    "hash" : "0x716ece27b2ad0ec9edbb6bd19f1c37b65f48f10d9c0251b309b14354353da8c7",
                    "indexes" : {
                        "data" : 0,
                        "gas" : 0,
                        "value" : 0
                    },
                    "logs" : "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
                    "txbytes" : "0x02f86a01018203e98203e883061a8094cccccccccccccccccccccccccccccccccccccccc830186a000c001a0cb3c4310de772a61c4ad96283cd55ed787ac9ea8f7c91ce4a86edebd06b9b01ea0610543a260fc4db3e39e7d29d7aed7bb154b2059f4d167825fe924ebbf8e5dbc"
                }
            ]
        },
        "pre" : {
            "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b" : {
                "balance" : "0x0de0b6b3a7640000",
                "code" : "0x",
                "nonce" : "0x01",
                "storage" : {
                }
            },
            "0xcccccccccccccccccccccccccccccccccccccccc" : {
                "balance" : "0x0de0b6b3a7640000",
                "code" : "0x600260005500",
                "nonce" : "0x00",
                "storage" : {
                }
            }
        },
        "transaction" : {
            "accessLists" : [
                [
                ]
            ],
            "data" : [
                "0x00"
            ],
            "gasLimit" : [
                "0x061a80"
            ],
            "maxFeePerGas" : "0x03e8",
            "maxPriorityFeePerGas" : "0x03e9",
            "nonce" : "0x01",
            "secretKey" : "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
            "sender" : "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
            "to" : "0xcccccccccccccccccccccccccccccccccccccccc",
            "value" : [
                "0x0186a0"
            ]
        }
    }
}
"""#
