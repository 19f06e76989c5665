# Process-level tests of `tempo hub`, `tempo dxp` and `tempo match`: Python
# scripts (Debian's /usr/bin/python3) that drive the real program. Each is
# bounded in time; DXP runs on 127.0.0.1 only, on a port the OS picks.
set(TEMPO_PY /usr/bin/python3)
set(TEMPO_PROTOCOL_TESTS ${PROJECT_SOURCE_DIR}/tests/protocol)
add_test(NAME cli.hub_session COMMAND ${TEMPO_PY} ${TEMPO_PROTOCOL_TESTS}/hub_session_test.py $<TARGET_FILE:tempo>)
add_test(NAME cli.dxp_game COMMAND ${TEMPO_PY} ${TEMPO_PROTOCOL_TESTS}/dxp_game_test.py $<TARGET_FILE:tempo>)
add_test(NAME cli.match_mini COMMAND ${TEMPO_PY} ${TEMPO_PROTOCOL_TESTS}/match_test.py $<TARGET_FILE:tempo>
         ${PROJECT_SOURCE_DIR}/data/openings.txt)
set_tests_properties(cli.hub_session cli.dxp_game cli.match_mini PROPERTIES LABELS unit TIMEOUT 60)
