import boa
import pytest
from eth_abi import encode
from eth_hash.auto import keccak

from conftest import Committee, deploy_aggregator, error_string, revert_data

BTC = 10**8


def expect_reason(reason, fn, *args, **kwargs):
    assert revert_data(fn, *args, **kwargs) == error_string(reason)


@pytest.fixture
def committee():
    return Committee(n=4, f=1)


@pytest.fixture
def agg(committee):
    a = deploy_aggregator(8, "WBTC PoR", 1, 10**30)
    a.setConfig(committee.signers, committee.transmitters, committee.f)
    return a


def digest_of(agg):
    return agg.latestConfigDetails()[2]


def send(agg, committee, er, obs, transmitter=0, **kw):
    args = committee.transmit_args(digest_of(agg), er, obs, **kw)
    return agg.transmit(*args, sender=committee.transmitters[transmitter])


def test_reads_before_any_round():
    a = deploy_aggregator()
    assert a.decimals() == 8
    assert a.description() == "WBTC PoR"
    assert a.version() == 1
    assert a.typeAndVersion() == "PoRAggregator 1.0.0"
    assert a.latestRoundData() == (0, 0, 0, 0, 0)
    assert a.getRoundData(1) == (0, 0, 0, 0, 0)
    assert a.latestAnswer() == 0 and a.latestTimestamp() == 0 and a.latestRound() == 0
    assert a.getAnswer(1) == 0 and a.getTimestamp(1) == 0
    assert a.minAnswer() == 1 and a.maxAnswer() == 10**30


def test_config_digest_matches_documented_formula(agg, committee):
    count, block, digest = agg.latestConfigDetails()
    assert count == 1 and block == boa.env.evm.patch.block_number
    raw = keccak(encode(
        ["uint256", "address", "uint64", "address[]", "address[]", "uint8"],
        [boa.env.evm.patch.chain_id, agg.address, 1, committee.signers, committee.transmitters, 1],
    ))
    assert digest == b"\x00\x01" + raw[2:]
    assert agg.getSigners() == committee.signers
    assert agg.getTransmitters() == committee.transmitters
    assert agg.faultyOracles() == 1


def test_config_set_event(committee):
    a = deploy_aggregator()
    a.setConfig(committee.signers, committee.transmitters, 1)
    (log,) = a.get_logs()
    assert type(log).__name__ == "ConfigSet"
    assert log.configCount == 1 and log.f == 1 and log.previousConfigBlockNumber == 0
    assert log.configDigest == a.latestConfigDetails()[2]
    assert [str(x) for x in log.signers] == committee.signers


def test_report_hash_helper(agg, committee):
    d = digest_of(agg)
    obs = [100, 200, 300]
    assert agg.reportHash(d, 0x101, obs, b"\x00\x01\x02") == Committee.report_hash(d, 0x101, obs, b"\x00\x01\x02")


def test_transmit_stores_median_and_emits(agg, committee):
    boa.env.time_travel(seconds=100)
    obs = [1500 * BTC, 1502 * BTC, 1503 * BTC, 1510 * BTC]
    send(agg, committee, 0x101, obs, observers=bytes([3, 0, 2, 1]))
    now = boa.env.evm.patch.timestamp
    assert agg.latestRoundData() == (1, 1503 * BTC, now, now, 1)  # upper median obs[n//2]
    assert agg.getRoundData(1) == (1, 1503 * BTC, now, now, 1)
    assert agg.latestAnswer() == 1503 * BTC and agg.latestTimestamp() == now and agg.latestRound() == 1
    assert agg.getAnswer(1) == 1503 * BTC and agg.getTimestamp(1) == now
    assert agg.latestTransmissionDetails() == (digest_of(agg), 1, 1, 1503 * BTC, now)

    # second round, odd count; unknown rounds still zero
    boa.env.time_travel(seconds=60)
    send(agg, committee, 0x102, [7, 8, 9], signer_indexes=[3, 1])
    assert agg.latestRoundData()[:2] == (2, 8)
    assert agg.getRoundData(3) == (0, 0, 0, 0, 0)
    assert agg.getRoundData(2**80 - 1) == (0, 0, 0, 0, 0)
    assert agg.getAnswer(2**256 - 1) == 0 and agg.getTimestamp(99) == 0
    assert agg.getRoundData(1)[1] == 1503 * BTC


def test_transmit_events(agg, committee):
    send(agg, committee, 0x103, [5, 6, 7], transmitter=2, observers=bytes([1, 3, 0]))
    now = boa.env.evm.patch.timestamp
    logs = agg.get_logs()
    assert [type(l).__name__ for l in logs] == ["NewRound", "AnswerUpdated", "NewTransmission"]
    nr, au, nt = logs
    assert (nr.roundId, str(nr.startedBy), nr.startedAt) == (1, committee.transmitters[2], now)
    assert (au.current, au.roundId, au.updatedAt) == (6, 1, now)
    assert (nt.aggregatorRoundId, nt.answer, str(nt.transmitter)) == (1, 6, committee.transmitters[2])
    assert nt.observations == [5, 6, 7] and nt.observers == bytes([1, 3, 0]) and nt.epochAndRound == 0x103


def test_rejects_unauthorized_transmitter(agg, committee):
    args = committee.transmit_args(digest_of(agg), 1, [1, 2, 3])
    expect_reason("unauthorized transmitter", agg.transmit, *args, sender=boa.env.generate_address())
    # a signer is not a transmitter
    expect_reason("unauthorized transmitter", agg.transmit, *args, sender=committee.signers[0])


def test_rejects_wrong_digest(agg, committee):
    args = committee.transmit_args(b"\x00\x01" + b"\x11" * 30, 1, [1, 2, 3])
    expect_reason("config digest mismatch", agg.transmit, *args, sender=committee.transmitters[0])


def test_rejects_replay_and_older_epoch(agg, committee):
    args = committee.transmit_args(digest_of(agg), 0x205, [1, 2, 3])
    agg.transmit(*args, sender=committee.transmitters[0])
    expect_reason("stale report", agg.transmit, *args, sender=committee.transmitters[1])
    older = committee.transmit_args(digest_of(agg), 0x204, [1, 2, 3])
    expect_reason("stale report", agg.transmit, *older, sender=committee.transmitters[0])
    # epoch/round 0 is never accepted
    a2 = deploy_aggregator()
    a2.setConfig(committee.signers, committee.transmitters, 1)
    zero = committee.transmit_args(digest_of(a2), 0, [1, 2, 3])
    expect_reason("stale report", a2.transmit, *zero, sender=committee.transmitters[0])


def test_rejects_signature_counts(agg, committee):
    d = digest_of(agg)
    one = committee.transmit_args(d, 1, [1, 2, 3], signer_indexes=[0])
    expect_reason("wrong number of signatures", agg.transmit, *one, sender=committee.transmitters[0])
    three = committee.transmit_args(d, 1, [1, 2, 3], signer_indexes=[0, 1, 2])
    expect_reason("wrong number of signatures", agg.transmit, *three, sender=committee.transmitters[0])
    args = committee.transmit_args(d, 1, [1, 2, 3])
    args[5] = args[5][:1]
    expect_reason("signatures out of registration", agg.transmit, *args, sender=committee.transmitters[0])


def test_rejects_observation_shapes(agg, committee):
    d = digest_of(agg)
    t = committee.transmitters[0]
    expect_reason("too few observations", agg.transmit, *committee.transmit_args(d, 1, [1, 2]), sender=t)
    expect_reason("too many observations", agg.transmit,
                  *committee.transmit_args(d, 1, [1, 2, 3, 4, 5], observers=bytes([0, 1, 2, 3, 0])), sender=t)
    expect_reason("observers length mismatch", agg.transmit,
                  *committee.transmit_args(d, 1, [1, 2, 3], observers=b"\x00\x01"), sender=t)
    expect_reason("observer index out of range", agg.transmit,
                  *committee.transmit_args(d, 1, [1, 2, 3], observers=b"\x00\x01\x04"), sender=t)
    expect_reason("duplicate observer", agg.transmit,
                  *committee.transmit_args(d, 1, [1, 2, 3], observers=b"\x00\x01\x01"), sender=t)
    expect_reason("observations not sorted", agg.transmit, *committee.transmit_args(d, 1, [1, 3, 2]), sender=t)
    # equal values are sorted
    agg.transmit(*committee.transmit_args(d, 1, [2, 2, 2]), sender=t)
    assert agg.latestAnswer() == 2


def test_rejects_bad_signatures(agg, committee):
    d = digest_of(agg)
    t = committee.transmitters[0]
    # duplicate signer: same oracle signs twice
    expect_reason("duplicate signer", agg.transmit,
                  *committee.transmit_args(d, 1, [1, 2, 3], signer_indexes=[2, 2]), sender=t)
    # unknown signer: an outsider's key
    outsider = Committee(n=4, f=1, seed=0x40)
    h = Committee.report_hash(d, 1, [1, 2, 3], b"\x00\x01\x02")
    rs, ss, vs = committee.sign(h, [0])
    rs2, ss2, vs2 = outsider.sign(h, [0])
    vs_mixed = bytes([vs[0], vs2[0]]) + b"\x00" * 30
    expect_reason("unauthorized signer", agg.transmit, d, 1, [1, 2, 3], b"\x00\x01\x02",
                  rs + rs2, ss + ss2, vs_mixed, sender=t)
    # tampered report: signatures over other observations recover to random addresses
    args = committee.transmit_args(d, 1, [1, 2, 3])
    args[2] = [1, 2, 4]
    expect_reason("unauthorized signer", agg.transmit, *args, sender=t)
    # recovery byte not 0/1 -> v not 27/28 -> ecrecover fails
    args = committee.transmit_args(d, 1, [1, 2, 3])
    args[6] = bytes([5]) + args[6][1:]
    expect_reason("invalid signature", agg.transmit, *args, sender=t)
    # r = 0 -> ecrecover fails
    args = committee.transmit_args(d, 1, [1, 2, 3])
    args[4][1] = b"\x00" * 32
    expect_reason("invalid signature", agg.transmit, *args, sender=t)


def test_rejects_median_out_of_band(committee):
    a = deploy_aggregator(8, "band", 100, 1000)
    a.setConfig(committee.signers, committee.transmitters, 1)
    d = digest_of(a)
    t = committee.transmitters[1]
    expect_reason("median out of bounds", a.transmit, *committee.transmit_args(d, 1, [50, 99, 2000]), sender=t)
    expect_reason("median out of bounds", a.transmit, *committee.transmit_args(d, 1, [50, 1001, 2000]), sender=t)
    a.transmit(*committee.transmit_args(d, 1, [50, 100, 2000]), sender=t)
    a.transmit(*committee.transmit_args(d, 2, [-5, 1000, 2000]), sender=t)
    assert a.latestRound() == 2 and a.latestAnswer() == 1000
    # negative bands work too
    n = deploy_aggregator(8, "neg", -10, -1)
    n.setConfig(committee.signers, committee.transmitters, 1)
    n.transmit(*committee.transmit_args(digest_of(n), 1, [-9, -5, 3]), sender=t)
    assert n.latestAnswer() == -5
    expect_reason("minAnswer above maxAnswer", deploy_aggregator, 8, "x", 2, 1)


def test_set_config_validation(committee):
    a = deploy_aggregator()
    s, t = committee.signers, committee.transmitters
    expect_reason("Only callable by owner", a.setConfig, s, t, 1, sender=t[0])
    expect_reason("f must be positive", a.setConfig, s, t, 0)
    expect_reason("faulty-oracle f too high", a.setConfig, s[:3], t[:3], 1)
    expect_reason("oracle length mismatch", a.setConfig, s, t[:3], 1)
    big = Committee(n=32, f=1, seed=0x60)
    expect_reason("too many oracles", a.setConfig, big.signers, big.transmitters, 1)
    a.setConfig(big.signers[:31], big.transmitters[:31], 10)  # n = 31, 3f = 30 < 31
    expect_reason("signer must not be zero", a.setConfig, [s[0], s[1], s[2], "0x" + "00" * 20], t, 1)
    expect_reason("transmitter must not be zero", a.setConfig, s, [t[0], t[1], t[2], "0x" + "00" * 20], 1)
    expect_reason("repeated signer address", a.setConfig, [s[0], s[1], s[2], s[0]], t, 1)
    expect_reason("repeated transmitter address", a.setConfig, s, [t[0], t[1], t[1], t[3]], 1)


def test_reconfiguration_invalidates_old_reports(agg, committee):
    old_d = digest_of(agg)
    agg.transmit(*committee.transmit_args(old_d, 0x500, [1, 2, 3]), sender=committee.transmitters[0])
    new = Committee(n=7, f=2, seed=0x80)
    agg.setConfig(new.signers, new.transmitters, 2)
    count, _, d2 = agg.latestConfigDetails()
    assert count == 2 and d2 != old_d
    # old transmitters and old digest are gone
    expect_reason("unauthorized transmitter", agg.transmit,
                  *committee.transmit_args(d2, 1, [1, 2, 3]), sender=committee.transmitters[0])
    expect_reason("config digest mismatch", agg.transmit,
                  *new.transmit_args(old_d, 0x501, [1, 2, 3, 4, 5]), sender=new.transmitters[0])
    # old signers cannot sign for the new committee
    h = Committee.report_hash(d2, 1, [1, 2, 3, 4, 5], bytes(range(5)))
    rs, ss, vs = committee.sign(h, [0, 1, 2])
    expect_reason("unauthorized signer", agg.transmit, d2, 1, [1, 2, 3, 4, 5], bytes(range(5)), rs, ss, vs,
                  sender=new.transmitters[0])
    # epoch/round restarts under the new config; f=2 needs 5 observations and 3 signatures
    expect_reason("too few observations", agg.transmit, *new.transmit_args(d2, 1, [1, 2, 3, 4]),
                  sender=new.transmitters[0])
    agg.transmit(*new.transmit_args(d2, 1, [1, 2, 3, 4, 5], signer_indexes=[6, 0, 3]), sender=new.transmitters[2])
    assert agg.latestRoundData()[:2] == (2, 3)


def test_ownership_two_step(agg, committee):
    other = boa.env.generate_address()
    expect_reason("Only callable by owner", agg.transferOwnership, other, sender=other)
    expect_reason("Cannot transfer to self", agg.transferOwnership, boa.env.eoa)
    agg.transferOwnership(other)
    assert agg.owner() == boa.env.eoa
    expect_reason("Must be proposed owner", agg.acceptOwnership, sender=committee.transmitters[0])
    agg.acceptOwnership(sender=other)
    assert agg.owner() == other
    expect_reason("Only callable by owner", agg.setConfig, committee.signers, committee.transmitters, 1)
    agg.setConfig(committee.signers, committee.transmitters, 1, sender=other)


def test_high_s_signature_counts_once(agg, committee):
    """A malleated (high-s) copy of a signature recovers the same signer: rejected as duplicate."""
    n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
    d = digest_of(agg)
    h = Committee.report_hash(d, 1, [1, 2, 3], b"\x00\x01\x02")
    rs, ss, vs = committee.sign(h, [0])
    s2 = (n - int.from_bytes(ss[0], "big")).to_bytes(32, "big")
    vs2 = bytes([vs[0], 1 - vs[0]]) + b"\x00" * 30
    expect_reason("duplicate signer", agg.transmit, d, 1, [1, 2, 3], b"\x00\x01\x02",
                  rs + rs, ss + [s2], vs2, sender=committee.transmitters[0])
