package org.takedown.benchmarks;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * How many bytes a running JVM on this machine (the server under load) allocates over a time: attaches to it, reads
 * its threads' total allocation ({@code getTotalThreadAllocatedBytes}, JDK 21+) at the start and the end, and prints
 * the difference. Divide by the requests of that time for the allocation per request.
 *
 * <pre>
 * java -cp benchmarks.jar org.takedown.benchmarks.ServerAllocation PID SECONDS
 * </pre>
 */
public final class ServerAllocation {

    private ServerAllocation() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ServerAllocation PID SECONDS");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            ThreadMXBean threads = ManagementFactory.newPlatformMXBeanProxy(
                    connector.getMBeanServerConnection(), ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
            long seconds = Long.parseLong(args[1]);
            long before = threads.getTotalThreadAllocatedBytes();
            Thread.sleep(1000 * seconds);
            long allocated = threads.getTotalThreadAllocatedBytes() - before;
            System.out.printf(
                    "allocated %.1f MB in %d s (%.1f MB/s)%n", allocated / 1e6, seconds, allocated / 1e6 / seconds);
        }
    }
}
