import DashboardModel
import TrotterSupport

/// Pure views: presentation state rendered into a screen buffer, with no curses.
public enum DashboardViewsInfo {
    public static let version = TrotterVersion.string
}
