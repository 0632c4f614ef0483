#!/usr/bin/env python3
"""Capture real taskstats netlink datagrams from this machine's kernel as hex fixtures.

Run as root on Linux with CONFIG_TASKSTATS:  python3 src/test/scripts/capture_fixtures.py src/test/resources/fixtures
Each fixture is a text file: '#' comment lines describing how it was made, then the datagram in hex
(32 bytes a line). The Java codec tests decode these bytes; nothing here is used at run time.
"""
import os, socket, struct, subprocess, sys, time, platform

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_FAMILY_ID = 1
NLM_F_REQUEST, NLM_F_ACK = 1, 4
TASKSTATS_CMD_GET = 1
ATTR_PID, ATTR_TGID, ATTR_REGISTER, ATTR_DEREGISTER = 1, 2, 3, 4

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
seq = 100


def attr(kind, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def message(family, cmd, attrs, flags=NLM_F_REQUEST):
    global seq
    seq += 1
    body = struct.pack("=BBH", cmd, 1, 0) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), family, flags, seq, 0) + body


def save(name, data, what):
    path = os.path.join(out_dir, name)
    with open(path, "w") as f:
        f.write(f"# {what}\n")
        f.write(f"# captured {time.strftime('%Y-%m-%d')} on Linux {platform.release()} {platform.machine()}, "
                f"{len(data)} bytes\n")
        hexs = data.hex()
        for i in range(0, len(hexs), 64):
            f.write(hexs[i:i + 64] + "\n")
    print(f"{name}: {len(data)} bytes")


def sock():
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_GENERIC)
    s.bind((0, 0))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    return s


ctl = sock()
ctl.send(message(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, [attr(CTRL_ATTR_FAMILY_NAME, b"TASKSTATS\0")]))
reply = ctl.recv(65536)
save("getfamily-reply.hex", reply, "CTRL_CMD_NEWFAMILY reply to CTRL_CMD_GETFAMILY 'TASKSTATS'")
family = None
off = 20
while off + 4 <= len(reply):
    n, kind = struct.unpack_from("=HH", reply, off)
    if kind == CTRL_ATTR_FAMILY_ID:
        family = struct.unpack_from("=H", reply, off + 4)[0]
    off += (n + 3) & ~3
print("family id", family)


def request(s, attrs, name=None, what=None, ack=True):
    """Sends one TASKSTATS_CMD_GET; returns (first datagram, errno of the ack or None)."""
    s.send(message(family, TASKSTATS_CMD_GET, attrs, NLM_F_REQUEST | (NLM_F_ACK if ack else 0)))
    first = r = s.recv(65536)
    while ack and struct.unpack_from("=H", r, 4)[0] != 2:  # read on to the NLMSG_ERROR ack
        r = s.recv(65536)
    if name:
        save(name, first, what)
    return first, (struct.unpack_from("=i", r, 16)[0] if struct.unpack_from("=H", r, 4)[0] == 2 else None)


listener = sock()
_, err = request(listener, [attr(ATTR_REGISTER, b"0\0")], "register-ack.hex",
                 "NLMSG_ERROR ack (error 0) for REGISTER_CPUMASK '0' with NLM_F_ACK")
assert err == 0, err
request(listener, [attr(ATTR_REGISTER, b"abc\0")], "register-error-einval.hex",
        "NLMSG_ERROR -EINVAL for REGISTER_CPUMASK 'abc'")
request(listener, [attr(ATTR_REGISTER, b"0-999\0")], "register-error-erange.hex",
        "NLMSG_ERROR -ERANGE for REGISTER_CPUMASK '0-999'")

# Boundary of TASKSTATS_CPUMASK_MAXLEN (100 + 6*NR_CPUS) counted on the attribute payload, NUL included.
nr_cpus = int(open("/sys/devices/system/cpu/kernel_max").read()) + 1
maxlen = 100 + 6 * nr_cpus
for text_len in (maxlen - 1, maxlen):
    text = (b"0," * text_len)[:text_len - 1] + b"0"
    _, e = request(ctl, [attr(ATTR_DEREGISTER, text + b"\0")])  # not the listener: this mask names CPU 0
    print(f"deregister text of {text_len} chars (+NUL) -> errno {-e}")


def drain(s, timeout=0.3):
    s.settimeout(timeout)
    got = []
    try:
        while True:
            got.append(s.recv(65536))
    except socket.timeout:
        pass
    return got


drain(listener)
child = subprocess.Popen(["taskset", "-c", "0", "/bin/true"])
child.wait()
for d in drain(listener):
    if b"true\0" in d:
        save("exit-true-cpu0.hex", d, f"exit event of 'taskset -c 0 /bin/true' (pid {child.pid}) to a listener on '0'")
        break

code = ("import threading,os\n"
        "ts=[threading.Thread(target=lambda: None) for _ in range(3)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "os._exit(7)\n")
child = subprocess.Popen(["taskset", "-c", "0", sys.executable, "-c", code])
child.wait()
group = [d for d in drain(listener) if len(d) > 600]
if group:
    save("exit-group-cpu0.hex", group[-1],
         f"group exit (AGGR_PID + AGGR_TGID) of a 4-thread python3 (pid {child.pid}) that called _exit(7), on CPU 0")
request(listener, [attr(ATTR_DEREGISTER, b"0\0")])

sleeper = subprocess.Popen(["sleep", "5"])
time.sleep(0.1)
request(ctl, [attr(ATTR_PID, struct.pack("=I", sleeper.pid))], "pid-query-reply.hex",
        f"reply to TASKSTATS_CMD_GET ATTR_PID {sleeper.pid} (a running 'sleep 5')", ack=False)
request(ctl, [attr(ATTR_TGID, struct.pack("=I", sleeper.pid))], "tgid-query-reply.hex",
        f"reply to TASKSTATS_CMD_GET ATTR_TGID {sleeper.pid}", ack=False)
sleeper.kill()
request(ctl, [attr(ATTR_PID, struct.pack("=I", 0x3ffffff0))], "pid-query-esrch.hex",
        "NLMSG_ERROR -ESRCH for ATTR_PID of a pid that does not exist")
