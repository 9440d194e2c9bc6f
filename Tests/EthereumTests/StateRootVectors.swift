// `pre` states and expected roots copied from ethereum/tests GeneralStateTests (Cancun
// fixtures): in each case the transaction is rejected (`expectException`), so the
// post-state `hash` is the root of the unchanged `pre`.

let stateRootFixtures: [(name: String, pre: String, root: String)] = [
    (name: "stEIP3607/transactionCollidingWithNonEmptyAccount_calls.json",
     pre: #"""
{"0x095e7baea6a6c7c4c2dfeb977efac326af552d87":{"balance":"0x00","code":"0x6000600155","nonce":"0x00","storage":{}},"0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba":{"balance":"0x00","code":"0x","nonce":"0x01","storage":{}},"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x0de0b6b3a7640000","code":"0x6000600155","nonce":"0x00","storage":{}}}
"""#,
     root: "0x38d709e7d59719ea722353ff57910c4db65866cfd94125434831702917f505ee"),
    (name: "stExample/invalidTr.json",
     pre: #"""
{"0x095e7baea6a6c7c4c2dfeb977efac326af552d87":{"balance":"0x0de0b6b3a7640000","code":"0x600160010160005500","nonce":"0x00","storage":{}},"0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba":{"balance":"0x00","code":"0x","nonce":"0x01","storage":{}},"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x0de0b6b3a7640000","code":"0x","nonce":"0x00","storage":{}}}
"""#,
     root: "0x4c9c6cf002e6a88a5444662ca9ceb6a116b7b69ced38c470bf6e4a12a6313967"),
    (name: "stEIP1559/intrinsic.json",
     pre: #"""
{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x0de0b6b3a7640000","code":"0x","nonce":"0x01","storage":{}},"0xcccccccccccccccccccccccccccccccccccccccc":{"balance":"0x0de0b6b3a7640000","code":"0x600260005500","nonce":"0x00","storage":{}}}
"""#,
     root: "0x716ece27b2ad0ec9edbb6bd19f1c37b65f48f10d9c0251b309b14354353da8c7"),
    (name: "stEIP1559/lowGasLimit.json",
     pre: #"""
{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x0de0b6b3a7640000","code":"0x","nonce":"0x01","storage":{}},"0xcccccccccccccccccccccccccccccccccccccccc":{"balance":"0x0de0b6b3a7640000","code":"0x600260005500","nonce":"0x00","storage":{"0x00":"0x60a7"}}}
"""#,
     root: "0xb2b8d1860969ed21cd1eee5c69206176b951fbf820ee6b7f8ad84e8234094a5e"),
    (name: "stSpecialTest/eoaEmptyParis.json",
     pre: #"""
{"0x000000000000000000000000000000000000bad1":{"balance":"0x01","code":"0x","nonce":"0x00","storage":{}},"0x000000000000000000000000000000000000bad2":{"balance":"0x00","code":"0x","nonce":"0x01","storage":{}},"0x000000000000000000000000000000000000bad3":{"balance":"0x01","code":"0x","nonce":"0x01","storage":{}},"0x000000000000000000000000000000000000bad4":{"balance":"0x0a","code":"0x","nonce":"0x00","storage":{"0xdead":"0xbeef"}},"0x000000000000000000000000000000000000c0de":{"balance":"0x00","code":"0x32806000558031603155803b603b55803f603f55600181013f61013f5561bad13f61bad15561bad23f61bad25561bad33f61bad35561bad43f61bad45561bad53f61bad55560008080805a94600435905af1505a900360f1555a60008080808061dead5af1505a900360ff5500","nonce":"0x01","storage":{}},"0x000000000000000000000000000000000000dead":{"balance":"0x2710","code":"0x32ff","nonce":"0x01","storage":{}},"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x3b9aca00","code":"0x","nonce":"0x00","storage":{}}}
"""#,
     root: "0xc601c9ea84c29e00a812de5a2d544aa64473d4a1d2bc4821ea5bd3f16ee3ad98"),
    (name: "Shanghai/stEIP3860-limitmeterinitcode/creationTxInitCodeSizeLimit.json",
     pre: #"""
{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x0bebc200","code":"0x","nonce":"0x00","storage":{}}}
"""#,
     root: "0x3f5a53ccf1da0f0290a503131321d0b579a53c2c690f115387db04e54fa3da1b"),
    (name: "stTransactionTest/ValueOverflowParis.json",
     pre: #"""
{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x3b9aca00","code":"0x","nonce":"0x00","storage":{}},"0xd0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0":{"balance":"0x0a","code":"0x","nonce":"0x00","storage":{}}}
"""#,
     root: "0xecd1cea72bd1224b1d7a28a577170c00dd480b26b5b0f353e3d4ad2bb542cc09"),
    (name: "Pyspecs/cancun/eip4844_blobs/invalid_tx_blob_count.json",
     pre: #"""
{"0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b":{"balance":"0x023e39","code":"0x","nonce":"0x00","storage":{}}}
"""#,
     root: "0x51f41d6ab2123b8c2bef303127d48c31e5b8ccee1bfde9f853f443fe9711c3fa"),
]
