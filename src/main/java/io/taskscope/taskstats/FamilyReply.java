package io.taskscope.taskstats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The genl controller's answer to CTRL_CMD_GETFAMILY: the family's dynamic id (31 on the Linux 6.18 machine this
 * was written on), or the errno it refused with (ENOENT when the kernel has no such family, i.e. no
 * CONFIG_TASKSTATS).
 */
public sealed interface FamilyReply permits FamilyReply.Found, FamilyReply.Refused, FamilyReply.Malformed {

    record Found(int id, String name, int version, int maxAttr) implements FamilyReply {
    }

    record Refused(int errno) implements FamilyReply {
    }

    record Malformed(String reason) implements FamilyReply {
    }

    static FamilyReply decode(ByteBuffer datagram) {
        ByteBuffer b = datagram.slice().order(ByteOrder.nativeOrder());
        int end = b.limit();
        if (end < Netlink.NLMSG_HDRLEN) {
            return new Malformed("reply of " + end + " bytes is shorter than a netlink header");
        }
        long length = b.getInt(0) & 0xFFFF_FFFFL;
        int type = b.getShort(4) & 0xFFFF;
        if (length < Netlink.NLMSG_HDRLEN || length > end) {
            return new Malformed("netlink length " + length + " does not fit the " + end + " bytes received");
        }
        end = (int) length;
        if (type == Netlink.NLMSG_ERROR) {
            return end >= Netlink.NLMSG_HDRLEN + 4 ? new Refused(-b.getInt(Netlink.NLMSG_HDRLEN))
                    : new Malformed("NLMSG_ERROR without an error code");
        }
        if (type != Netlink.GENL_ID_CTRL || end < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN
                || (b.get(Netlink.NLMSG_HDRLEN) & 0xFF) != Netlink.CTRL_CMD_NEWFAMILY) {
            return new Malformed("not a CTRL_CMD_NEWFAMILY reply (type " + type + ")");
        }
        int id = -1;
        int version = 0;
        int maxAttr = 0;
        String name = "";
        for (int a = Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN; a + Netlink.NLA_HDRLEN <= end; ) {
            int attrLength = b.getShort(a) & 0xFFFF;
            int attrType = b.getShort(a + 2) & Netlink.NLA_TYPE_MASK;
            if (attrLength < Netlink.NLA_HDRLEN || attrLength > end - a) {
                return new Malformed("attribute length " + attrLength + " at offset " + a + " does not fit");
            }
            int payload = attrLength - Netlink.NLA_HDRLEN;
            int p = a + Netlink.NLA_HDRLEN;
            if (attrType == Netlink.CTRL_ATTR_FAMILY_ID && payload >= 2) {
                id = b.getShort(p) & 0xFFFF;
            } else if (attrType == Netlink.CTRL_ATTR_VERSION && payload >= 4) {
                version = b.getInt(p);
            } else if (attrType == Netlink.CTRL_ATTR_MAXATTR && payload >= 4) {
                maxAttr = b.getInt(p);
            } else if (attrType == Netlink.CTRL_ATTR_FAMILY_NAME) {
                int n = 0;
                while (n < payload && b.get(p + n) != 0) {
                    n++;
                }
                byte[] bytes = new byte[n];
                b.get(p, bytes);
                name = new String(bytes, StandardCharsets.US_ASCII);
            }
            a += Netlink.align(attrLength);
        }
        return id < 0 ? new Malformed("reply has no CTRL_ATTR_FAMILY_ID") : new Found(id, name, version, maxAttr);
    }
}
