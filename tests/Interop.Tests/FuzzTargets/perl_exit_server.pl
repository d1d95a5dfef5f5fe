#!/usr/bin/perl
# Deliberately faulty WebSocket echo server (fuzz target, perl, core modules only).
#
# FAULT (style: the process exits with code 3 after printing "fatal: <what>" to stderr):
#   A continuation frame with RSV3 set (the 0x10 bit of its first byte; the other RSV
#   bits do not matter) and a payload of at least 8 bytes (masked, as a client frame
#   must be) arriving while a fragmented TEXT message is open.  Once the whole frame has
#   arrived, the server prints "fatal: ..." and exits 3.  Other RSV bits, RSV3 on other
#   frames, RSV3 on a continuation of a binary message, or a payload shorter than 8
#   bytes: the normal protocol error (close 1002, then close TCP).
#
# Everything else is a correct RFC 6455 echo server (no extensions, no subprotocols).
# One process, one IO::Select loop, non-blocking sockets with per-connection output queues.
# Usage: perl perl_exit_server.pl [PORT]   (else $WSCONFORM_PORT)
use strict;
use warnings;
use IO::Socket::INET;
use IO::Select;
use Digest::SHA qw(sha1);
use MIME::Base64 qw(encode_base64);
use Socket qw(IPPROTO_TCP TCP_NODELAY);
use Time::HiRes qw(time);

use constant {
    GUID        => '258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
    MAX_HEAD    => 64 * 1024,           # cap on the opening handshake head
    MAX_MESSAGE => 16 * 1024 * 1024,    # cap on a frame and on a reassembled message
    READ_SIZE   => 65536,
    HIGH_WATER  => 4 * 1024 * 1024,     # stop reading while this much output is queued
    LINGER      => 1.0,
    OP_CONT => 0x0, OP_TEXT => 0x1, OP_BINARY => 0x2,
    OP_CLOSE => 0x8, OP_PING => 0x9, OP_PONG => 0xA,
};

my $BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n"
    . "Sec-WebSocket-Version: 13\r\nContent-Length: 0\r\n\r\n";
my $HEAD_TOO_LARGE = "HTTP/1.1 431 Request Header Fields Too Large\r\n"
    . "Connection: close\r\nContent-Length: 0\r\n\r\n";

# ------------------------------------------------------------------ handshake --

sub has_token {
    my ($values, $want) = @_;
    for my $value (@$values) {
        for my $token (split /,/, $value) {
            $token =~ s/^[ \t]+|[ \t]+$//g;
            return 1 if lc($token) eq $want;
        }
    }
    return 0;
}

# Answer to a request head (without its final CRLFCRLF): 101 or 400 text.
sub handshake_response {
    my ($head) = @_;
    my @lines = split /\r\n/, $head, -1;
    my $request = shift @lines;
    # RFC 6455 4.2.1 item 1: an HTTP/1.1 (or higher) GET request.
    return $BAD_REQUEST unless defined $request && $request =~ m{\AGET [^ ]+ HTTP/1\.1\z};
    my %fields;
    for my $line (@lines) {
        my ($name, $value) = $line =~ /\A([^:]*):(.*)\z/s or return $BAD_REQUEST;
        return $BAD_REQUEST if $name eq '' || $name =~ /\A[ \t]|[ \t]\z/;
        $value =~ s/^[ \t]+|[ \t]+$//g;
        push @{ $fields{ lc $name } }, $value;
    }
    # RFC 6455 4.2.1 items 3 and 4: Upgrade: websocket, Connection: Upgrade.
    return $BAD_REQUEST unless has_token($fields{'upgrade'} || [], 'websocket');
    return $BAD_REQUEST unless has_token($fields{'connection'} || [], 'upgrade');
    # RFC 6455 4.2.1 item 5: exactly one key, base64 of 16 bytes.
    my $keys = $fields{'sec-websocket-key'} || [];
    return $BAD_REQUEST unless @$keys == 1 && $keys->[0] =~ m{\A[A-Za-z0-9+/]{22}==\z};
    # RFC 6455 4.2.1 item 6 / 4.4: only version 13.
    my $versions = $fields{'sec-websocket-version'} || [];
    return $BAD_REQUEST unless @$versions == 1 && $versions->[0] eq '13';
    # RFC 6455 4.2.2 item 5.4: accept = base64(SHA-1(key + GUID)).
    my $accept = encode_base64(sha1($keys->[0] . GUID), '');
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        . "Connection: Upgrade\r\nSec-WebSocket-Accept: $accept\r\n\r\n";
}

# --------------------------------------------------------------------- frames --

# RFC 6455 5.1/5.2: server frames are never masked; minimal length encoding.
sub build_frame {
    my ($opcode, $payload) = @_;
    my $n = length $payload;
    my $b0 = 0x80 | $opcode;
    return pack('CC', $b0, $n) . $payload if $n < 126;
    return pack('CCn', $b0, 126, $n) . $payload if $n < 65536;
    return pack('CCNN', $b0, 127, 0, $n) . $payload;
}

# RFC 3629 well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
sub valid_utf8 {
    my ($s) = @_;
    return 1 unless $s =~ /[\x80-\xFF]/;
    pos($s) = 0;
    my $len = length $s;
    while (pos($s) < $len) {
        return 0 unless $s =~ /\G(?:[\x00-\x7F]+|[\xC2-\xDF][\x80-\xBF]
                                   |\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}
                                   |\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}
                                   |[\xF1-\xF3][\x80-\xBF]{3}|\xF4[\x80-\x8F][\x80-\xBF]{2}){1,10000}/gcx;
    }
    return 1;
}

# RFC 6455 7.4.1 / 7.4.2: codes that may appear in a received close frame.
sub valid_close_code {
    my ($code) = @_;
    return ($code >= 1000 && $code <= 1003) || ($code >= 1007 && $code <= 1014)
        || ($code >= 3000 && $code <= 4999);
}

sub fatal_rsv3 {
    my ($n) = @_;
    # THE DELIBERATE FAULT
    print STDERR "fatal: RSV3 continuation frame with a $n-byte payload inside a fragmented text message\n";
    exit 3;
}

# Fail the connection (RFC 6455 7.1.7): close frame with a status code, then close TCP.
sub fail {
    my ($c, $code) = @_;
    $c->{out} .= build_frame(OP_CLOSE, pack('n', $code));
    $c->{phase} = 'closing';
    return 0;
}

# Parse and handle one complete frame from $c->{in}; false when none is complete.
sub parse_one {
    my ($c) = @_;
    my $avail = length $c->{in};
    return 0 if $avail < 2;
    my ($b0, $b1) = unpack('CC', $c->{in});
    my ($fin, $rsv, $opcode) = ($b0 & 0x80, $b0 & 0x70, $b0 & 0x0F);
    my $rsv3_cont = ($b0 & 0x10) && $opcode == OP_CONT && $c->{msg_opcode} == OP_TEXT;
    return fail($c, 1002) if $rsv && !$rsv3_cont;                 # RFC 6455 5.2: no extension
    return fail($c, 1002) unless $opcode <= OP_BINARY || ($opcode >= OP_CLOSE && $opcode <= OP_PONG); # 5.2
    return fail($c, 1002) unless $b1 & 0x80;                      # RFC 6455 5.1: clients mask
    my $length = $b1 & 0x7F;
    if ($opcode >= OP_CLOSE) {
        # RFC 6455 5.5: control frames are not fragmented and carry at most 125 bytes.
        return fail($c, 1002) if !$fin || $length > 125;
    } elsif ($opcode == OP_CONT) {
        return fail($c, 1002) unless $c->{msg_opcode};           # RFC 6455 5.4
    } elsif ($c->{msg_opcode}) {
        return fail($c, 1002);                                   # RFC 6455 5.4
    }
    my $header = 2;
    if ($length == 126) {
        return 0 if $avail < 4;
        $length = unpack('n', substr($c->{in}, 2, 2));
        $header = 4;
    } elsif ($length == 127) {
        return 0 if $avail < 10;
        my ($hi, $lo) = unpack('NN', substr($c->{in}, 2, 8));
        return fail($c, 1002) if $hi & 0x80000000;               # RFC 6455 5.2: MSB must be 0
        # Checked before any payload is buffered: an announced 2^63 never allocates.
        return fail($c, 1009) if $hi;
        $length = $lo;
        $header = 10;
    }
    # RSV3 on a continuation of a text message is the fault only with >= 8 bytes.
    return fail($c, 1002) if $rsv3_cont && ($length < 8 || $length > MAX_MESSAGE);
    if ($length > MAX_MESSAGE || ($opcode < OP_CLOSE && length($c->{msg}) + $length > MAX_MESSAGE)) {
        return fail($c, 1009);                                   # RFC 6455 7.4.1
    }
    my $total = $header + 4 + $length;
    return 0 if $avail < $total;
    fatal_rsv3($length) if $rsv3_cont;
    my $mask = substr($c->{in}, $header, 4);
    my $payload = substr($c->{in}, $header + 4, $length);
    substr($c->{in}, 0, $total, '');
    my $key = $mask x (int($length / 4) + 1);
    substr($key, $length) = '';
    $payload ^= $key;                                           # RFC 6455 5.3
    on_frame($c, $fin, $opcode, $payload);
    return 1;
}

sub on_frame {
    my ($c, $fin, $opcode, $payload) = @_;
    if ($opcode == OP_PING) {
        $c->{out} .= build_frame(OP_PONG, $payload);            # RFC 6455 5.5.2
    } elsif ($opcode == OP_PONG) {
        # RFC 6455 5.5.3: an unsolicited pong needs no answer.
    } elsif ($opcode == OP_CLOSE) {
        # RFC 6455 5.5.1 / 7.4: echo the status code (or nothing), then close.
        my $n = length $payload;
        return fail($c, 1002) if $n == 1;
        my $reply = '';
        if ($n >= 2) {
            return fail($c, 1002) unless valid_close_code(unpack('n', $payload));
            return fail($c, 1007) unless valid_utf8(substr($payload, 2));
            $reply = substr($payload, 0, 2);
        }
        $c->{out} .= build_frame(OP_CLOSE, $reply);
        $c->{phase} = 'closing';
    } else {
        $c->{msg_opcode} = $opcode if $opcode != OP_CONT;
        $c->{msg} .= $payload;
        return unless $fin;
        my ($op, $data) = ($c->{msg_opcode}, $c->{msg});
        $c->{msg_opcode} = 0;
        $c->{msg} = '';
        return fail($c, 1007) if $op == OP_TEXT && !valid_utf8($data);   # RFC 6455 8.1
        $c->{out} .= build_frame($op, $data);
    }
    return;
}

# -------------------------------------------------------------------- network --

my %conns;                       # fileno => connection
my $readers = IO::Select->new;
my $writers = IO::Select->new;

sub destroy {
    my ($c) = @_;
    $readers->remove($c->{sock});
    $writers->remove($c->{sock});
    delete $conns{ $c->{fd} };
    close $c->{sock};
}

# Write what is queued; then apply the pending close or back-pressure decisions.
sub flush_out {
    my ($c) = @_;
    while (length $c->{out}) {
        my $n = syswrite($c->{sock}, $c->{out}, 1 << 20);
        if (!defined $n) {
            last if $!{EAGAIN} || $!{EWOULDBLOCK} || $!{EINTR};
            destroy($c);                 # reset / broken pipe
            return;
        }
        substr($c->{out}, 0, $n, '');
    }
    if (length $c->{out}) {
        $writers->add($c->{sock});
        $readers->remove($c->{sock}) if length($c->{out}) > HIGH_WATER;  # back-pressure
        return;
    }
    $writers->remove($c->{sock});
    if ($c->{eof}) {                     # EOF from the client and nothing left to send
        destroy($c);
        return;
    }
    if ($c->{phase} eq 'closing') {
        # Send FIN first (RFC 6455 7.1.1: the server closes TCP first), then drain briefly.
        shutdown($c->{sock}, 1);
        $c->{phase} = 'linger';
        $c->{deadline} = time + LINGER;
    }
    $readers->add($c->{sock}) unless $readers->exists($c->{sock});
}

sub on_readable {
    my ($c) = @_;
    my $n = sysread($c->{sock}, my $data, READ_SIZE);
    if (!defined $n) {
        return if $!{EAGAIN} || $!{EWOULDBLOCK} || $!{EINTR};
        destroy($c);                     # reset
        return;
    }
    if ($n == 0) {                       # EOF: close as soon as queued output is out
        $c->{eof} = 1;
        $c->{deadline} = time + LINGER;
        $readers->remove($c->{sock});
        flush_out($c);
        return;
    }
    return if $c->{phase} eq 'linger' || $c->{phase} eq 'closing';   # discard
    if ($c->{phase} eq 'head') {
        my $start = length($c->{in}) > 3 ? length($c->{in}) - 3 : 0;
        $c->{in} .= $data;
        my $end = index($c->{in}, "\r\n\r\n", $start);
        if (($end < 0 && length($c->{in}) > MAX_HEAD) || $end + 4 > MAX_HEAD) {
            $c->{out} .= $HEAD_TOO_LARGE;
            $c->{phase} = 'closing';
        } elsif ($end >= 0) {
            my $response = handshake_response(substr($c->{in}, 0, $end));
            $c->{out} .= $response;
            if ($response =~ /\AHTTP\/1\.1 101/) {
                substr($c->{in}, 0, $end + 4, '');   # bytes after the head are frame bytes
                $c->{phase} = 'open';
            } else {
                $c->{phase} = 'closing';
            }
        }
    } else {
        $c->{in} .= $data;
    }
    if ($c->{phase} eq 'open') {
        1 while $c->{phase} eq 'open' && parse_one($c);
    }
    $c->{in} = '' if $c->{phase} ne 'open' && $c->{phase} ne 'head';
    flush_out($c);
}

sub main {
    my $port = @ARGV ? $ARGV[0] : ($ENV{WSCONFORM_PORT} // '');
    die "usage: perl perl_exit_server.pl PORT (or set WSCONFORM_PORT)\n" unless $port =~ /\A[0-9]+\z/;
    $SIG{PIPE} = 'IGNORE';
    my $listener = IO::Socket::INET->new(
        LocalAddr => '127.0.0.1', LocalPort => $port, Proto => 'tcp',
        Listen => 512, ReuseAddr => 1,
    ) or die "listen: $!\n";
    $listener->blocking(0);
    $readers->add($listener);
    $| = 1;
    print "listening on $port\n";

    while (1) {
        my ($r, $w) = IO::Select->select($readers, $writers, undef, 0.25);
        for my $sock (@{ $w || [] }) {
            my $c = $conns{ fileno($sock) // -1 } or next;
            flush_out($c);
        }
        for my $sock (@{ $r || [] }) {
            if ($sock == $listener) {
                for (1 .. 64) {
                    my $client = $listener->accept or last;
                    $client->blocking(0);
                    setsockopt($client, IPPROTO_TCP, TCP_NODELAY, 1);
                    my $c = {
                        sock => $client, fd => fileno($client), phase => 'head',
                        in => '', out => '', msg => '', msg_opcode => 0, eof => 0,
                    };
                    $conns{ $c->{fd} } = $c;
                    $readers->add($client);
                }
                next;
            }
            my $c = $conns{ fileno($sock) // -1 } or next;
            next if $c->{sock} != $sock;
            # an unexpected die drops only this connection (exit 3 is not caught by eval)
            eval { on_readable($c); 1 } or destroy($c);
        }
        my $now = time;
        for my $c (values %conns) {
            # lingering closes and EOF flushes are bounded in time
            destroy($c) if defined $c->{deadline} && $now > $c->{deadline}
                && ($c->{phase} eq 'linger' || $c->{eof});
        }
    }
}

main();
