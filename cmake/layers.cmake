# One library per layer, and include paths that show each target only the
# layers it may use.
#
# Sources include headers by their path from the repository root
# ("rules/game.h", "search/params.h"). Putting the root on the include path
# would let any file include anything; instead every layer gets a directory of
# its own in the build tree holding one symbolic link per source folder it
# owns (build/layers/search/search -> <source>/search). A target's include
# path is then its own layer's directory plus those of the layers it links,
# so tt/table.cc including "search/search.h" does not compile. (On a Windows
# host that may not create symbolic links the link is a directory junction.)

# tempo_layer_dir(<out-var> <layer> <folder>...): the layer's include directory.
function(tempo_layer_dir out layer)
  set(dir ${PROJECT_BINARY_DIR}/layers/${layer})
  file(MAKE_DIRECTORY ${dir})
  foreach(folder ${ARGN})
    if(NOT EXISTS ${dir}/${folder})
      file(CREATE_LINK ${PROJECT_SOURCE_DIR}/${folder} ${dir}/${folder} SYMBOLIC RESULT failed)
      if(failed AND CMAKE_HOST_WIN32)
        # A Windows host without Developer Mode may not create symbolic
        # links; a directory junction does the same here and needs no
        # privilege (absolute paths, same machine).
        file(TO_NATIVE_PATH ${dir}/${folder} link)
        file(TO_NATIVE_PATH ${PROJECT_SOURCE_DIR}/${folder} target)
        execute_process(COMMAND cmd /c mklink /J "${link}" "${target}" RESULT_VARIABLE failed
                        OUTPUT_QUIET ERROR_VARIABLE why)
        if(failed)
          set(failed "no symbolic link (${failed}), no junction either: ${why}")
        endif()
      endif()
      if(failed)
        message(FATAL_ERROR "cannot link ${dir}/${folder} to ${PROJECT_SOURCE_DIR}/${folder}: ${failed}")
      endif()
    endif()
  endforeach()
  set(${out} ${dir} PARENT_SCOPE)
endfunction()

# tempo_layer(<layer> DIRS <folder>... SOURCES <file>... HEADERS <file>... LINK <target>...)
# A static library tempo_<layer> (tempo::<layer>) that sees its folders'
# headers; installed and exported with its public HEADERS (under
# include/tempo/<folder>/) when it has any.
function(tempo_layer layer)
  cmake_parse_arguments(L "" "" "DIRS;SOURCES;HEADERS;LINK" ${ARGN})
  tempo_layer_dir(dir ${layer} ${L_DIRS})
  add_library(tempo_${layer} STATIC ${L_SOURCES})
  add_library(tempo::${layer} ALIAS tempo_${layer})
  set_target_properties(tempo_${layer} PROPERTIES EXPORT_NAME ${layer})
  target_include_directories(tempo_${layer} PUBLIC $<BUILD_INTERFACE:${dir}>
                                                   $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}/tempo>)
  target_link_libraries(tempo_${layer} PUBLIC ${L_LINK} PRIVATE $<BUILD_INTERFACE:tempo::flags>)
  if(L_HEADERS)
    install(TARGETS tempo_${layer} EXPORT TempoTargets ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    foreach(header ${L_HEADERS})
      get_filename_component(folder ${header} DIRECTORY)
      install(FILES ${PROJECT_SOURCE_DIR}/${header} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/tempo/${folder})
    endforeach()
  endif()
endfunction()
